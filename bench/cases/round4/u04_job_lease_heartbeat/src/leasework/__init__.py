"""Lease-based job execution: a coordinator hands out jobs under renewable leases."""
