from decimal import ROUND_HALF_EVEN, Decimal

CENT = Decimal("0.01")


def to_money(value):
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_EVEN)


def format_money(amount, currency="EUR"):
    return f"{amount:,.2f} {currency}"
