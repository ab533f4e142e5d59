import asyncio
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from .backoff import Backoff


class TemporaryFailure(Exception):
    pass


@dataclass
class Delivery:
    endpoint: str
    event: str
    body: dict
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    attempts: int = 0
    status: str = "queued"


class Relay:
    """Delivers webhook events with a pool of worker tasks.

    Deliveries to the same endpoint are sent one at a time and in the order
    they were accepted; different endpoints proceed concurrently.
    """

    def __init__(self, transport, workers=3, max_attempts=5, backoff=None):
        self.transport = transport
        self.max_attempts = max_attempts
        self.backoff = backoff or Backoff(seed=0)
        self._queue = asyncio.Queue()
        self._workers = [asyncio.ensure_future(self._work()) for _ in range(workers)]
        self._endpoint_locks = defaultdict(asyncio.Lock)
        self._sequence = defaultdict(int)
        self._next_to_send = defaultdict(int)
        self._turn = asyncio.Condition()
        self.deliveries = []

    def submit(self, endpoint, event, body):
        delivery = Delivery(endpoint, event, body)
        delivery.seq = self._sequence[endpoint]
        self._sequence[endpoint] += 1
        self.deliveries.append(delivery)
        self._queue.put_nowait(delivery)
        return delivery.id

    async def _wait_turn(self, delivery):
        async with self._turn:
            await self._turn.wait_for(
                lambda: self._next_to_send[delivery.endpoint] == delivery.seq)

    async def _advance(self, delivery):
        async with self._turn:
            self._next_to_send[delivery.endpoint] += 1
            self._turn.notify_all()

    async def _deliver(self, delivery):
        await self._wait_turn(delivery)
        async with self._endpoint_locks[delivery.endpoint]:
            while delivery.attempts < self.max_attempts:
                delivery.attempts += 1
                try:
                    await self.transport.post(delivery.endpoint, delivery.event, delivery.body)
                    delivery.status = "delivered"
                    break
                except TemporaryFailure:
                    await asyncio.sleep(self.backoff.delay(delivery.attempts - 1))
            else:
                delivery.status = "dead"
        await self._advance(delivery)

    async def _work(self):
        while True:
            delivery = await self._queue.get()
            try:
                await self._deliver(delivery)
            finally:
                self._queue.task_done()

    async def drain(self, timeout=5.0):
        await asyncio.wait_for(self._queue.join(), timeout)

    async def close(self):
        for task in self._workers:
            task.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)
