import queue
import re
import time

ALERT = re.compile(r"\b(ERROR|CRITICAL)\b\s+(?P<msg>.*)")


class AlertScanner:
    def __init__(self, follower):
        self.follower = follower
        self.seen = 0
        self.alerts = []

    def pump(self, until=None, timeout=1.0):
        """Consume followed lines until a line containing `until` or the timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.follower.lines.get(timeout=0.02)
            except queue.Empty:
                if until is None:
                    return
                continue
            self.seen += 1
            match = ALERT.search(line)
            if match:
                self.alerts.append(match.group("msg"))
            if until is not None and until in line:
                return
