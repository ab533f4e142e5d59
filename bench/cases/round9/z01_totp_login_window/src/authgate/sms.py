import random
import threading
import time


class SmsGateway:
    """Hands messages to a carrier; delivery happens on a background thread."""

    def __init__(self, latency=(0.3, 0.5)):
        self.latency = latency
        self._inbox = {}
        self._cond = threading.Condition()

    def send(self, phone: str, text: str) -> None:
        delay = random.uniform(*self.latency)
        t = threading.Thread(target=self._deliver, args=(phone, text, delay), daemon=True)
        t.start()

    def _deliver(self, phone, text, delay):
        time.sleep(delay)
        with self._cond:
            self._inbox.setdefault(phone, []).append(text)
            self._cond.notify_all()

    def wait_for(self, phone: str, timeout: float = 2.0) -> str:
        deadline = time.monotonic() + timeout
        with self._cond:
            while not self._inbox.get(phone):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"no SMS for {phone}")
                self._cond.wait(remaining)
            return self._inbox[phone].pop(0)
