"""Rebuild a static site when its sources change."""
