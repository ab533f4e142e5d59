from . import timeutil


class TimingMiddleware:
    """Adds Server-Timing and feeds finished requests to the slow log."""

    def __init__(self, slowlog=None):
        self.slowlog = slowlog

    def before(self, request):
        request.meta["started"] = timeutil.stamp()

    def after(self, request, response):
        started = request.meta.get("started")
        if started is None:
            return
        elapsed = timeutil.millis_between(started, timeutil.stamp())
        request.meta["elapsed_ms"] = elapsed
        response.headers["Server-Timing"] = f"app;dur={max(elapsed, 0):.1f}"
        if self.slowlog is not None:
            self.slowlog.observe(request, response, elapsed)
