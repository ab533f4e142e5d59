"""A tiny Prometheus-style metrics registry."""
import threading


class Series:
    __slots__ = ("name", "labels", "value")

    def __init__(self, name, labels):
        self.name = name
        self.labels = labels
        self.value = 0.0


class Registry:
    def __init__(self):
        self.series = {}
        self._lock = threading.Lock()

    @staticmethod
    def _key(name, labels):
        return (name,) + tuple(sorted(labels.items()))

    def _get(self, name, labels):
        key = self._key(name, labels)
        s = self.series.get(key)
        if s is None:
            with self._lock:
                s = self.series.get(key)
                if s is None:
                    s = Series(name, dict(labels))
                    self.series[key] = s
        return s

    def inc(self, name, amount=1.0, **labels):
        s = self._get(name, labels)
        with self._lock:
            s.value += amount

    def set(self, name, value, **labels):
        s = self._get(name, labels)
        with self._lock:
            s.value = value

    def value(self, name, **labels):
        s = self.series.get(self._key(name, labels))
        return None if s is None else s.value
