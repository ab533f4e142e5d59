from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from . import rates, settings

CENT = Decimal("0.01")


@dataclass
class InvoiceLine:
    description: str
    quantity: int
    unit_price: Decimal
    category: str = "standard"

    @property
    def net(self):
        return (self.unit_price * self.quantity).quantize(CENT, ROUND_HALF_UP)


@dataclass
class Invoice:
    number: str
    country: str
    lines: list = field(default_factory=list)
    currency: str = settings.DEFAULT_CURRENCY

    def add(self, description, quantity, unit_price, category="standard"):
        self.lines.append(InvoiceLine(description, quantity, Decimal(unit_price), category))
        return self

    @property
    def net_total(self):
        return sum((line.net for line in self.lines), Decimal("0"))

    def tax_breakdown(self):
        by_rate = {}
        for line in self.lines:
            rate = rates.rate_for(self.country, line.category)
            by_rate[rate] = by_rate.get(rate, Decimal("0")) + line.net
        return {
            rate: (base * rate).quantize(CENT, ROUND_HALF_UP)
            for rate, base in sorted(by_rate.items())
        }

    @property
    def tax_total(self):
        return sum(self.tax_breakdown().values(), Decimal("0"))

    @property
    def gross_total(self):
        return self.net_total + self.tax_total
