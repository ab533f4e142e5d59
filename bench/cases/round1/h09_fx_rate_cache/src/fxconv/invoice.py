from dataclasses import dataclass, field
from decimal import Decimal

from .money import convert, quantize


@dataclass
class Invoice:
    currency: str
    lines: list = field(default_factory=list)   # (description, amount, currency)

    def add_line(self, description, amount, currency):
        self.lines.append((description, Decimal(str(amount)), currency.upper()))
        return self

    def total(self, overrides=None):
        total = sum((convert(a, c, self.currency, overrides) for _, a, c in self.lines),
                    Decimal(0))
        return quantize(total, self.currency)
