import time


class RequestMetrics:
    """Records one counter and one timing series per (route, status)."""

    def __init__(self, registry, clock=time.perf_counter):
        self._registry = registry
        self._clock = clock

    def observe(self, route, status, seconds):
        self._registry.inc("http_requests_total", route=route, status=str(status))
        self._registry.inc("http_request_seconds_sum", seconds, route=route)

    def wrap(self, route, handler):
        def wrapped(*args, **kwargs):
            start = self._clock()
            status = 500
            try:
                status, body = handler(*args, **kwargs)
                return status, body
            finally:
                self.observe(route, status, self._clock() - start)
        return wrapped
