"""Thumbnail service: render, cache and serve gallery thumbnails."""
