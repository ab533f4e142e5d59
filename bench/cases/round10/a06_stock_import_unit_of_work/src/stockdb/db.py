import asyncio
import contextlib


class Connection:
    """Async key/value connection with statement-level round trips."""

    def __init__(self, round_trip=0.004):
        self.round_trip = round_trip
        self.rows = {}
        self.statements = 0
        self._pending = None

    async def _roundtrip(self):
        self.statements += 1
        await asyncio.sleep(self.round_trip)

    async def get(self, key, default=None):
        await self._roundtrip()
        if self._pending is not None and key in self._pending:
            return self._pending[key]
        return self.rows.get(key, default)

    async def put(self, key, value):
        await self._roundtrip()
        if self._pending is not None:
            self._pending[key] = value
        else:
            self.rows[key] = value

    @contextlib.asynccontextmanager
    async def transaction(self):
        await self._roundtrip()
        self._pending = {}
        try:
            yield self
        except BaseException:
            self._pending = None
            raise
        else:
            staged, self._pending = self._pending, None
            await self._roundtrip()
            self.rows.update(staged)
