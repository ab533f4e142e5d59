from .node import Warming
from .retrying import retry_until


class FeatureClient:
    """Reads model features for an entity, with per-feature defaults."""

    def __init__(self, node, defaults=None):
        self.node = node
        self.defaults = dict(defaults or {})

    @retry_until(budget=0.19, on=(Warming,))
    def _read(self, key):
        return self.node.get(key)

    def features(self, entity, names):
        out = {}
        for name in names:
            value = self._read(f"{entity}:{name}")
            out[name] = self.defaults.get(name) if value is None else value
        return out

    def vector(self, entity, names):
        return [float(v) for v in self.features(entity, names).values()]
