"""Async photo library indexer (thumbnails, EXIF) with a health endpoint."""
