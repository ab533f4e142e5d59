"""Async stock service: reservations against a warehouse store."""
