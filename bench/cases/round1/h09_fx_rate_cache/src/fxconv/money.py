from decimal import ROUND_HALF_EVEN, Decimal

from .rates import get_rate

_DECIMALS = {"JPY": 0}


def quantize(amount, currency):
    places = _DECIMALS.get(currency, 2)
    return Decimal(amount).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


def convert(amount, src, dst, overrides=None):
    return quantize(Decimal(str(amount)) * get_rate(src, dst, overrides), dst.upper())


def format_money(amount, currency):
    q = quantize(amount, currency)
    whole, _, frac = f"{q:,}".partition(".")
    return "%s %s%s" % (currency, whole, "." + frac if frac else "")
