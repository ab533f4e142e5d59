import random
import string
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone


def new_ticket_code(rng=None):
    rng = rng or random.Random()
    return "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(8))


@dataclass
class Session:
    code: str
    plate: str
    started: datetime
    ends: datetime

    def remaining(self, now):
        return max(timedelta(0), self.ends - now)


class SessionBook:
    def __init__(self, tariff, clock=lambda: datetime.now(timezone.utc)):
        self.tariff = tariff
        self._clock = clock
        self._lock = threading.Lock()
        self._sessions = {}
        self.revenue = 0

    def start(self, plate, minutes):
        now = self._clock()
        price = self.tariff.price(now, minutes)
        with self._lock:
            code = new_ticket_code()
            while code in self._sessions:
                code = new_ticket_code()
            self._sessions[code] = Session(code, plate, now, now + timedelta(minutes=minutes))
            self.revenue += price
        return code, price

    def active(self, plate):
        now = self._clock()
        with self._lock:
            return [s for s in self._sessions.values() if s.plate == plate and s.ends > now]

    def count(self):
        with self._lock:
            return len(self._sessions)
