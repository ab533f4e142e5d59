"""Tiny line-protocol API gateway with zero-downtime config swaps."""
