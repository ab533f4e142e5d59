"""Batch geocoding client with a bounded connection pool."""
