from .stats import EndpointStats


class StatsRegistry:
    def __init__(self, baselines):
        self._baselines = baselines
        self._by_endpoint = {}

    def stats_for(self, endpoint):
        stats = self._by_endpoint.get(endpoint)
        if stats is None:
            stats = EndpointStats(endpoint, self._baselines.load(endpoint))
            self._by_endpoint[endpoint] = stats
        return stats

    def snapshot(self):
        return {name: s.count for name, s in sorted(self._by_endpoint.items())}

    def regressions(self):
        return sorted(name for name, s in self._by_endpoint.items() if s.regressed())
