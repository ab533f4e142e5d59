def shard_for(key, shard_count):
    """Which shard owns ``key``.  Shards keep per-tenant caches, so the
    dispatcher and the workers must agree on this."""
    if shard_count <= 0:
        raise ValueError("shard_count must be positive")
    return hash(key) % shard_count


def split(keys, shard_count):
    out = {i: [] for i in range(shard_count)}
    for key in keys:
        out[shard_for(key, shard_count)].append(key)
    return out
