"""devctl: developer workspace helper (status, index, start)."""
