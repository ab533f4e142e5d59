"""Parallel CSV import of customer records into the CRM store."""
