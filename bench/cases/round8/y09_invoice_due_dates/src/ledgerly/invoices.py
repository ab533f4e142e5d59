from dataclasses import dataclass, field
from decimal import Decimal

from .terms import due_date


@dataclass
class Invoice:
    number: str
    customer: str
    issued: object
    terms: str = "NET30"
    lines: list = field(default_factory=list)

    @property
    def total(self):
        return sum((Decimal(q) * Decimal(p) for q, p in self.lines), Decimal("0"))

    @property
    def due(self):
        return due_date(self.issued, self.terms)


def payment_schedule(invoices):
    """Group open invoices by due date for the treasury run."""
    schedule = {}
    for inv in invoices:
        schedule.setdefault(inv.due, []).append(inv.number)
    return dict(sorted(schedule.items()))
