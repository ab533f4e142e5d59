from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Promotion:
    code: str
    category: str
    percent_off: int

    def __post_init__(self):
        if not 0 < self.percent_off < 100:
            raise ValueError("percent_off must be between 1 and 99")

    def discounted(self, price):
        factor = Decimal(100 - self.percent_off) / 100
        return (price * factor).quantize(CENT, rounding=ROUND_HALF_UP)
