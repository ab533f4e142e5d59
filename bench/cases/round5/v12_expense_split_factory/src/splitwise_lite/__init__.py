"""Shared expenses for small groups: record, split, settle."""
