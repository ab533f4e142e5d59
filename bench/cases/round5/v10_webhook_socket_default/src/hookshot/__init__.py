"""Outgoing webhooks: sign, deliver and record payloads to subscriber URLs."""
