import asyncio
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


class Provider:
    """A provider's quote API: answers in `latency` seconds (a range)."""

    def __init__(self, name, base, latency):
        self.name = name
        self.base = base
        self.latency = latency

    async def quote(self, parcel):
        await asyncio.sleep(random.uniform(*self.latency))
        return self.base + parcel["kg"]
