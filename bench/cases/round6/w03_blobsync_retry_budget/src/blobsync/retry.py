import time
from dataclasses import dataclass

from . import settings


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int
    base_delay: float
    max_delay: float

    @classmethod
    def from_settings(cls):
        return cls(settings.RETRY_ATTEMPTS, settings.RETRY_BASE_DELAY, settings.RETRY_MAX_DELAY)

    def delays(self):
        delay = self.base_delay
        for _ in range(self.attempts - 1):
            yield min(delay, self.max_delay)
            delay *= 2


def call_with_retry(fn, policy, retry_if, sleep=time.sleep):
    delays = policy.delays()
    while True:
        try:
            return fn()
        except Exception as exc:
            if not retry_if(exc):
                raise
            delay = next(delays, None)
            if delay is None:
                raise
            sleep(delay)
