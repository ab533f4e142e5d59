from dataclasses import dataclass, field
from decimal import Decimal

from .money import to_cents

VAT_RATES = {"standard": Decimal("0.19"), "reduced": Decimal("0.07"), "zero": Decimal("0")}


@dataclass
class Line:
    description: str
    quantity: Decimal
    unit_price: Decimal
    vat: str = "standard"

    @property
    def net(self):
        return self.quantity * self.unit_price


@dataclass
class Invoice:
    number: str
    lines: list = field(default_factory=list)

    def add(self, description, quantity, unit_price, vat="standard"):
        self.lines.append(Line(description, Decimal(quantity), Decimal(unit_price), vat))
        return self

    def net_total(self):
        return to_cents(sum((l.net for l in self.lines), Decimal(0)))

    def vat_total(self):
        return to_cents(sum((l.net * VAT_RATES[l.vat] for l in self.lines), Decimal(0)))

    def gross_total(self):
        return self.net_total() + self.vat_total()
