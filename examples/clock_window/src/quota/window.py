"""A per-second request quota: the window is derived from the wall clock."""
import time


class Quota:
    def __init__(self, limit):
        self.limit = limit
        self.window = None
        self.used = 0

    def allow(self):
        now = int(time.time())  # the current one-second window
        if now != self.window:
            self.window = now
            self.used = 0
        if self.used >= self.limit:
            return False
        self.used += 1
        return True
