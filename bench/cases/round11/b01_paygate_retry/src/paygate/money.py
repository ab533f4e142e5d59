from dataclasses import dataclass
from decimal import Decimal, ROUND_HALF_UP

_MINOR_UNITS = {"EUR": 2, "USD": 2, "JPY": 0, "CHF": 2}


@dataclass(frozen=True)
class Money:
    minor: int
    currency: str

    def __add__(self, other):
        if other.currency != self.currency:
            raise ValueError("currency mismatch: %s vs %s" % (self.currency, other.currency))
        return Money(self.minor + other.minor, self.currency)

    def format(self):
        digits = _MINOR_UNITS[self.currency]
        value = Decimal(self.minor).scaleb(-digits)
        return "%s %s" % (value, self.currency)


def parse_amount(text, currency):
    digits = _MINOR_UNITS.get(currency)
    if digits is None:
        raise ValueError("unsupported currency %r" % currency)
    value = Decimal(text.replace(",", "")).quantize(Decimal(1).scaleb(-digits),
                                                    rounding=ROUND_HALF_UP)
    return Money(int(value.scaleb(digits)), currency)
