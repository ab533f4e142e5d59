import asyncio

from .probes import Probe, ProbeResult, run_probe


class HealthBoard:
    def __init__(self):
        self._probes: dict[str, Probe] = {}
        self.history: list[dict[str, ProbeResult]] = []

    def register(self, name: str, kind: str, check) -> Probe:
        if name in self._probes:
            raise ValueError(f"duplicate probe {name!r}")
        probe = Probe(name, kind, check)
        self._probes[name] = probe
        return probe

    async def refresh(self) -> dict[str, ProbeResult]:
        probes = list(self._probes.values())
        results = await asyncio.gather(*(run_probe(p) for p in probes))
        snapshot = {r.name: r for r in results}
        self.history.append(snapshot)
        return snapshot

    def status(self) -> str:
        if not self.history:
            return "unknown"
        latest = self.history[-1]
        down = [n for n, r in latest.items() if not r.ok]
        if any(self._probes[n].critical for n in down):
            return "down"
        return "degraded" if down else "up"

    def summary(self) -> dict:
        latest = self.history[-1] if self.history else {}
        return {n: ("ok" if r.ok else r.detail) for n, r in sorted(latest.items())}
