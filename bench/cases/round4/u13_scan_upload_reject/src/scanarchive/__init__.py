"""Document archive: scanners upload PDFs over a small TCP protocol."""
