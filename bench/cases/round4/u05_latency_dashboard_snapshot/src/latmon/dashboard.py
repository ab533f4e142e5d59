from .buildinfo import read_build_info
from .histogram import LatencyHistogram


class RouteStats:
    def __init__(self, build_info_path, bounds=None):
        self._build_info_path = build_info_path
        self._routes = {}
        self._bounds = bounds

    def histogram(self, route) -> LatencyHistogram:
        h = self._routes.get(route)
        if h is None:
            h = self._routes.setdefault(
                route, LatencyHistogram() if self._bounds is None else LatencyHistogram(self._bounds)
            )
        return h

    def record(self, route, ms):
        self.histogram(route).observe(ms)

    def panel(self, route):
        h = self.histogram(route)
        count = h.count
        total = h.total_ms
        build = read_build_info(self._build_info_path)
        buckets = list(h.buckets)
        return {
            "route": route,
            "build": build["version"],
            "requests": count,
            "mean_ms": round(total / count, 3) if count else 0.0,
            "p95_ms": h.quantile(0.95, buckets),
            "buckets": buckets,
        }

    def routes(self):
        return sorted(self._routes)
