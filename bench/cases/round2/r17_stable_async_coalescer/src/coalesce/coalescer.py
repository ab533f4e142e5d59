import asyncio
import time


class Coalescer:
    """Collapses concurrent loads of the same key into one backend call."""

    def __init__(self, loader, ttl: float = 60.0, clock=time.monotonic):
        self._loader = loader
        self._ttl = ttl
        self._clock = clock
        self._inflight: dict[str, asyncio.Future] = {}
        self._values: dict[str, tuple[float, object]] = {}
        self.backend_calls = 0

    async def get(self, key: str):
        hit = self._values.get(key)
        if hit is not None and self._clock() - hit[0] < self._ttl:
            return hit[1]
        fut = self._inflight.get(key)
        if fut is None:
            fut = asyncio.get_running_loop().create_future()
            self._inflight[key] = fut
            try:
                self.backend_calls += 1
                value = await self._loader(key)
            except Exception as exc:
                fut.set_exception(exc)
                raise
            else:
                self._values[key] = (self._clock(), value)
                fut.set_result(value)
            finally:
                del self._inflight[key]
            return value
        return await asyncio.shield(fut)

    def invalidate(self, key: str) -> None:
        self._values.pop(key, None)
