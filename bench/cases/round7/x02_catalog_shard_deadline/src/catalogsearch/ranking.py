def merge_hits(hit_lists, limit):
    best = {}
    for hits in hit_lists:
        for hit in hits:
            current = best.get(hit.sku)
            if current is None or hit.score > current.score:
                best[hit.sku] = hit
    ranked = sorted(best.values(), key=lambda h: (-h.score, h.sku))
    return ranked[:limit]
