from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Europe/Berlin")


@dataclass(frozen=True)
class Tariff:
    per_hour: Decimal = Decimal("2.40")
    free_from: time = time(20, 0)
    free_until: time = time(8, 0)
    max_hours: int = 3

    def is_free(self, moment: datetime) -> bool:
        local = moment.astimezone(ZONE).time()
        return local >= self.free_from or local < self.free_until

    def price(self, start: datetime, minutes: int) -> Decimal:
        """Price for ``minutes`` starting at ``start``, billed per started 15 minutes."""
        if minutes <= 0 or minutes > self.max_hours * 60:
            raise ValueError("duration out of range")
        billable = 0
        for q in range(0, minutes, 15):
            if not self.is_free(start + timedelta(minutes=q)):
                billable += 1
        return (self.per_hour / 4 * billable).quantize(Decimal("0.01"))
