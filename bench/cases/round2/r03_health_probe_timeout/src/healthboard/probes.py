import asyncio
import time
from dataclasses import dataclass
from typing import Awaitable, Callable

from . import settings


@dataclass
class Probe:
    name: str
    kind: str
    check: Callable[[], Awaitable[dict]]

    @property
    def critical(self) -> bool:
        return self.kind in settings.CRITICAL_KINDS


@dataclass
class ProbeResult:
    name: str
    ok: bool
    latency: float
    detail: str = ""


async def run_probe(probe: Probe, timeout: float | None = None) -> ProbeResult:
    limit = settings.PROBE_TIMEOUT if timeout is None else timeout
    started = time.perf_counter()
    try:
        info = await asyncio.wait_for(probe.check(), limit)
    except asyncio.TimeoutError:
        return ProbeResult(probe.name, False, time.perf_counter() - started, "timeout")
    except Exception as exc:  # a failing check is a result, not a crash
        return ProbeResult(probe.name, False, time.perf_counter() - started, repr(exc))
    ok = bool(info.get("ok", True))
    return ProbeResult(probe.name, ok, time.perf_counter() - started, info.get("detail", ""))
