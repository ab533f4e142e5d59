import logging
import time

from . import settings
from .backoff import Backoff

log = logging.getLogger("mqclient")


class GaveUp(ConnectionError):
    pass


class ConnectionSupervisor:
    def __init__(self, connect, backoff=None, sleep=time.sleep,
                 max_attempts=None, max_wait=None):
        self.connect = connect
        self.backoff = backoff or Backoff()
        self.sleep = sleep
        self.max_attempts = max_attempts or settings.MAX_ATTEMPTS
        self.max_wait = max_wait or settings.MAX_SINGLE_WAIT
        self.waits = []

    def run(self):
        last_error = None
        for attempt in range(self.max_attempts):
            try:
                return self.connect()
            except ConnectionError as exc:
                last_error = exc
                wait = self.backoff.delay(attempt)
                if wait > self.max_wait:
                    raise GaveUp(f"refusing to wait {wait:.1f}s before attempt {attempt + 2}") from exc
                log.info("connect failed (%s); retrying in %.2fs", exc, wait)
                self.waits.append(wait)
                self.sleep(wait)
        raise GaveUp(f"broker unreachable after {self.max_attempts} attempts") from last_error
