from decimal import Decimal, ROUND_HALF_UP

from .settings import settings


def _group(digits, sep):
    out = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return sep.join(out)


def format_amount(value, symbol=True):
    s = settings()
    q = Decimal(str(value)).quantize(Decimal(1).scaleb(-s.decimals), rounding=ROUND_HALF_UP)
    sign = "-" if q < 0 else ""
    whole, _, frac = str(abs(q)).partition(".")
    text = _group(whole, s.symbols["group"])
    if frac:
        text += s.symbols["decimal"] + frac
    return "%s%s%s" % (sign, s.currency_symbol + " " if symbol else "", text)


def format_percent(ratio):
    s = settings()
    text = "%.1f" % (ratio * 100)
    return text.replace(".", s.symbols["decimal"]) + " %"


def parse_amount(text):
    s = settings()
    cleaned = text.replace(s.currency_symbol, "").strip()
    cleaned = cleaned.replace(s.symbols["group"], "").replace(s.symbols["decimal"], ".")
    return Decimal(cleaned)
