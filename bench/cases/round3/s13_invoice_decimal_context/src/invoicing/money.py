"""Decimal helpers shared by invoicing and FX."""
import decimal
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def use_rate_precision(digits=6):
    """Rates from the ECB feed carry 6 significant digits; compute with the
    same precision so converted amounts match the bank's statements."""
    ctx = decimal.getcontext()
    ctx.prec = digits
    ctx.rounding = ROUND_HALF_EVEN
    return ctx


def to_cents(value):
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def parse_amount(text):
    cleaned = text.replace("\u00a0", "").replace(" ", "")
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif "," in cleaned:
        cleaned = cleaned.replace(",", ".")
    return Decimal(cleaned)
