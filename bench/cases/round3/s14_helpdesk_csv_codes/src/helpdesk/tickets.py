from dataclasses import dataclass, field
from datetime import date

from .codes import new_reference

PRIORITIES = ("low", "normal", "high", "urgent")


@dataclass
class Ticket:
    ref: str
    subject: str
    requester: str
    priority: str = "normal"
    opened: date = field(default_factory=lambda: date(2026, 12, 1))
    tags: tuple = ()

    def __post_init__(self):
        if self.priority not in PRIORITIES:
            raise ValueError("unknown priority %r" % self.priority)


class TicketQueue:
    def __init__(self):
        self._tickets = {}

    def open(self, subject, requester, priority="normal", tags=()):
        ref = new_reference(self._tickets)
        ticket = Ticket(ref, subject, requester, priority, tags=tuple(tags))
        self._tickets[ref] = ticket
        return ticket

    def add(self, ticket):
        self._tickets[ticket.ref] = ticket

    def get(self, ref):
        return self._tickets[ref]

    def by_priority(self):
        order = {p: i for i, p in enumerate(reversed(PRIORITIES))}
        return sorted(self._tickets.values(), key=lambda t: (order[t.priority], t.opened, t.subject))

    def __len__(self):
        return len(self._tickets)
