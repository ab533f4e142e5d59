import asyncio
import random
import uuid


class BookingDesk:
    def __init__(self, client, attempts=3, rng=None):
        self.client = client
        self.attempts = attempts
        self.rng = rng or random.Random()

    def new_reference(self):
        return "BK-" + uuid.uuid4().hex[:12].upper()

    async def book_any(self, who, seats):
        candidates = list(seats)
        self.rng.shuffle(candidates)
        for seat in candidates[: self.attempts]:
            reply = await self.client.call(op="hold", seat=seat, who=who)
            if reply["ok"]:
                return {"seat": seat, "ref": self.new_reference()}
        return None

    async def book_many(self, requests):
        results = await asyncio.gather(*(self.book_any(who, seats) for who, seats in requests))
        return dict(zip([who for who, _ in requests], results))
