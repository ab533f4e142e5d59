"""Front-desk booking book-keeping on top of a SlotPlanner."""
from dataclasses import dataclass
from datetime import datetime

from .planner import Slot


class SlotTaken(Exception):
    pass


class SlotTooSoon(Exception):
    pass


@dataclass(frozen=True)
class Booking:
    customer: str
    slot: Slot

    @property
    def reference(self):
        return "%s@%s" % (self.customer.lower(), self.slot.start.strftime("%H%M%S"))


class BookingDesk:
    def __init__(self, planner, horizon=8):
        self.planner = planner
        self.horizon = horizon
        self._bookings = {}

    def book(self, customer, slot):
        lead = slot.start - datetime.now()
        if lead < self.planner.min_lead:
            raise SlotTooSoon("%s starts in %.3fs" % (slot.label(), lead.total_seconds()))
        if slot.start in self._bookings:
            raise SlotTaken(slot.label())
        booking = Booking(customer, slot)
        self._bookings[slot.start] = booking
        return booking

    def book_next_free(self, customer):
        for slot in self.planner.upcoming(self.horizon):
            if slot.start not in self._bookings:
                return self.book(customer, slot)
        raise SlotTaken("no free slot in the next %d" % self.horizon)

    def cancel(self, booking):
        if self._bookings.get(booking.slot.start) != booking:
            raise KeyError(booking.reference)
        del self._bookings[booking.slot.start]

    def schedule(self):
        return [self._bookings[k] for k in sorted(self._bookings)]
