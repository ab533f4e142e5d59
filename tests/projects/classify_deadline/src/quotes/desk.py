import time

from .holds import Holds


class Desk:
    def __init__(self):
        self.holds = Holds()

    def quote(self, amount):
        return self.holds.hold({"amount": amount})

    def _credit_check(self, cost):
        time.sleep(cost)
        return True

    def book(self, key, check_cost):
        if not self._credit_check(check_cost):
            return None
        return self.holds.take(key)
