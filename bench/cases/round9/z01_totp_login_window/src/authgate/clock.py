import time


class SystemClock:
    """Wall clock used for one-time codes (codes must agree with the user's phone)."""

    def now(self) -> float:
        return time.time()


class FixedClock:
    def __init__(self, at: float):
        self.at = at

    def now(self) -> float:
        return self.at

    def advance(self, seconds: float) -> None:
        self.at += seconds
