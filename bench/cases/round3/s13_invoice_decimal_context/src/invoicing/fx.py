from decimal import Decimal

from .money import to_cents, use_rate_precision


class FxTable:
    def __init__(self, base="EUR"):
        self.base = base
        self._rates = {base: Decimal(1)}

    def load(self, rows, feed_precision=None):
        if feed_precision:
            use_rate_precision(feed_precision)
        for currency, rate in rows:
            self._rates[currency] = +Decimal(rate)  # unary plus applies context precision
        return self

    def rate(self, currency):
        return self._rates[currency]


def convert(amount, table, to_currency):
    return to_cents(Decimal(amount) * table.rate(to_currency))
