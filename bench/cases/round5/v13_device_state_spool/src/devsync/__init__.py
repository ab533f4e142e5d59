"""Offline-first device settings sync: spool locally, upload when online."""
