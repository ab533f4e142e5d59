from .rules import RULES

REVIEW_AT = 50


def score(order):
    hits = [(name, weight) for name, rule, weight in RULES if rule(order)]
    total = sum(w for _, w in hits)
    return {"score": total, "hits": [n for n, _ in hits], "review": total >= REVIEW_AT}
