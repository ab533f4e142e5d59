"""Buffered event ingestion with a background batch writer."""
