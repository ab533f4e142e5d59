"""Appointment slot planning.

Slots are aligned to multiples of the slot length counted from midnight so
that every front-desk terminal offers customers the same grid of start times.
"""
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Slot:
    start: datetime
    length: timedelta

    @property
    def end(self):
        return self.start + self.length

    def overlaps(self, other):
        return self.start < other.end and other.start < self.end

    def label(self):
        return "%s-%s" % (self.start.strftime("%H:%M:%S"), self.end.strftime("%H:%M:%S"))


class SlotPlanner:
    def __init__(self, length=timedelta(minutes=15), min_lead=timedelta(minutes=5)):
        if length <= timedelta(0):
            raise ValueError("slot length must be positive")
        if min_lead < timedelta(0):
            raise ValueError("lead time cannot be negative")
        self.length = length
        self.min_lead = min_lead

    def align(self, moment):
        """Round *moment* down onto the slot grid."""
        midnight = moment.replace(hour=0, minute=0, second=0, microsecond=0)
        steps = (moment - midnight) // self.length
        return midnight + steps * self.length

    def next_slot(self):
        """The first slot a customer can still be offered."""
        now = datetime.now()
        start = self.align(now) + self.length
        return Slot(start, self.length)

    def upcoming(self, count):
        first = self.next_slot()
        return [Slot(first.start + i * self.length, self.length) for i in range(count)]
