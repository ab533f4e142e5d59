from dataclasses import dataclass, field


@dataclass(frozen=True)
class GatewayConfig:
    version: str
    routes: dict = field(default_factory=dict)
    banner: str = "edgegw"

    def resolve(self, path):
        best = None
        for prefix, upstream in self.routes.items():
            if path.startswith(prefix) and (best is None or len(prefix) > len(best[0])):
                best = (prefix, upstream)
        return None if best is None else best[1]
