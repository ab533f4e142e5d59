def split_ranges(size, part_size):
    """Half-open byte ranges covering [0, size)."""
    if part_size <= 0:
        raise ValueError("part_size must be positive")
    return [(start, min(start + part_size, size)) for start in range(0, size, part_size)]
