"""Minimal distributed-tracing client."""
