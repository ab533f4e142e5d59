"""Parcel shipping quotes from carrier rate cards."""
