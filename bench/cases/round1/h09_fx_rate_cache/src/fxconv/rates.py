"""Exchange rates: a built-in reference table, triangulated through USD.

Lookups are memoised per process because triangulation is done for every
line of every invoice.
"""
from decimal import Decimal

_REFERENCE = {
    ("EUR", "USD"): Decimal("1.0800"),
    ("GBP", "USD"): Decimal("1.2700"),
    ("USD", "JPY"): Decimal("151.20"),
    ("USD", "CHF"): Decimal("0.9000"),
    ("USD", "SEK"): Decimal("10.500"),
}

_memo = {}


class UnknownPair(KeyError):
    pass


def known_currencies():
    return sorted({c for pair in _REFERENCE for c in pair})


def _direct(src, dst):
    if (src, dst) in _REFERENCE:
        return _REFERENCE[(src, dst)]
    if (dst, src) in _REFERENCE:
        return Decimal(1) / _REFERENCE[(dst, src)]
    return None


def _lookup(src, dst):
    if src == dst:
        return Decimal(1)
    rate = _direct(src, dst)
    if rate is None:
        to_usd, from_usd = _direct(src, "USD"), _direct("USD", dst)
        if to_usd is None or from_usd is None:
            raise UnknownPair((src, dst))
        rate = to_usd * from_usd
    return rate


def get_rate(src, dst, overrides=None):
    """Rate for src->dst; *overrides* maps (src, dst) to a negotiated rate."""
    key = (src.upper(), dst.upper())
    if overrides and key in overrides:
        rate = Decimal(str(overrides[key]))
    elif key in _memo:
        return _memo[key]
    else:
        rate = _lookup(*key)
    _memo[key] = rate
    return rate
