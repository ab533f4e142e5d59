"""Per-tenant job sharding over a pool of worker processes."""
