from collections import defaultdict

from .units import base_of


def shopping_list(recipes):
    """Sum ingredients of several recipes per item in base units (g, ml, pc)."""
    totals = defaultdict(float)
    units = {}
    for ingredients in recipes:
        for ing in ingredients:
            base, factor = base_of(ing.unit)
            key = (ing.item, base)
            totals[key] += float(ing.quantity) * factor
            units[key] = base
    return [(item, round(qty, 1), units[(item, base)])
            for (item, base), qty in sorted(totals.items())]
