"""User profile service on a primary/replica key-value store."""
