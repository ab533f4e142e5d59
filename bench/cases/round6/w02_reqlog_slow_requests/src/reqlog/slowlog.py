from collections import deque

from .timeutil import format_ms


class SlowLog:
    def __init__(self, threshold_ms=250, keep=50, ignore_paths=("/healthz",)):
        self.threshold_ms = threshold_ms
        self.ignore_paths = set(ignore_paths)
        self.entries = deque(maxlen=keep)
        self.seen = 0

    def observe(self, request, response, elapsed_ms):
        self.seen += 1
        if request.path in self.ignore_paths:
            return
        if elapsed_ms >= self.threshold_ms:
            self.entries.append(
                {
                    "route": f"{request.method} {request.path}",
                    "status": response.status,
                    "took": format_ms(elapsed_ms),
                }
            )

    def routes(self):
        return [e["route"] for e in self.entries]

    def summary(self):
        return f"{len(self.entries)} slow of {self.seen} requests"
