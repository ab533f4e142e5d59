"""Daily activity digests for workspace members."""
