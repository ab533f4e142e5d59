import random
import threading
import time

from .render import render_chart


class Dashboard:
    def __init__(self, panels, query_latency=0.1, prefetch_splay=0.3):
        self.panels = dict(panels)
        self.query_latency = query_latency
        self.prefetch_splay = prefetch_splay
        self.cache = {}
        self._threads = []

    def _query(self, name):
        time.sleep(self.query_latency)
        return self.panels[name]

    def start_prefetch(self, names):
        """Warm the cache for the overview panels in the background."""
        delay = random.uniform(0, self.prefetch_splay)
        per_thread = [names[i::2] for i in range(2)]
        for chunk in per_thread:
            t = threading.Thread(target=self._warm, args=(chunk, delay), daemon=True)
            t.start()
            self._threads.append(t)

    def _warm(self, names, delay):
        time.sleep(delay)
        for name in names:
            self.cache[name] = render_chart(name, self.panels[name])

    def panel(self, name):
        if name in self.cache:
            return self.cache[name]
        chart = render_chart(name, self._query(name))
        self.cache[name] = chart
        return chart

    def join(self, timeout=2.0):
        for t in self._threads:
            t.join(timeout)
