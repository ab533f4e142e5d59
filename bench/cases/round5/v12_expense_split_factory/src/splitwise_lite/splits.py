from decimal import Decimal

from .money import to_money


def equal_shares(total, people):
    """Split `total` equally between `people`; returns {person: share}."""
    if not people:
        raise ValueError("nobody to split with")
    share = to_money(total / len(people))
    return {person: share for person in people}


def weighted_shares(total, weights):
    whole = sum(weights.values())
    return {p: to_money(total * Decimal(w) / whole) for p, w in weights.items()}


def exact_shares(total, amounts):
    amounts = {p: to_money(a) for p, a in amounts.items()}
    if sum(amounts.values()) != to_money(total):
        raise ValueError("exact amounts do not add up to the total")
    return amounts
