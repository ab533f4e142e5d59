import time
from dataclasses import dataclass
from decimal import Decimal


@dataclass
class Line:
    sku: str
    qty: int
    unit_price: Decimal
    currency: str


def _tax_rate(sku: str) -> Decimal:
    return Decimal("0.07") if sku.startswith("BOOK") else Decimal("0.19")


def price_cart(rates, lines: list[Line], display_currency: str) -> dict:
    """Price every line in the shopper's currency, as the cart page does."""
    total = Decimal(0)
    rows = []
    for line in lines:
        unit = rates.convert(line.unit_price, line.currency, display_currency)
        gross = unit * line.qty * (1 + _tax_rate(line.sku))
        rows.append((line.sku, unit, gross.quantize(Decimal("0.01"))))
        total += gross
        time.sleep(0.002)  # promotions lookup for the line
    return {"rows": rows, "total": total.quantize(Decimal("0.01")), "currency": display_currency}
