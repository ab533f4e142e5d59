import asyncio
from collections import defaultdict


class Subscription:
    def __init__(self, hub, topic: str, maxsize: int = 100):
        self.hub = hub
        self.topic = topic
        self.queue: asyncio.Queue = asyncio.Queue(maxsize)
        self.dropped = 0

    def deliver(self, message: dict) -> None:
        try:
            self.queue.put_nowait(message)
        except asyncio.QueueFull:
            self.dropped += 1

    async def next(self, timeout: float = 0.5) -> dict:
        return await asyncio.wait_for(self.queue.get(), timeout)

    async def close(self) -> None:
        await self.hub.unsubscribe(self)


class Hub:
    """Fans broker messages out to in-process subscribers (one per websocket)."""

    def __init__(self, broker):
        self.broker = broker
        self._subs: dict[str, list[Subscription]] = defaultdict(list)
        self._tasks: set[asyncio.Task] = set()
        self._bindings: dict[str, asyncio.Future] = {}

    def subscribe(self, topic: str) -> Subscription:
        sub = Subscription(self, topic)
        task = asyncio.get_running_loop().create_task(self._attach(sub))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return sub

    async def _attach(self, sub: Subscription) -> None:
        binding = self._bindings.get(sub.topic)
        if binding is None:
            binding = asyncio.ensure_future(self.broker.bind(sub.topic))
            self._bindings[sub.topic] = binding
        await binding
        self._subs[sub.topic].append(sub)

    async def unsubscribe(self, sub: Subscription) -> None:
        subs = self._subs.get(sub.topic, [])
        if sub in subs:
            subs.remove(sub)
            if not subs:
                self._bindings.pop(sub.topic, None)
                await self.broker.unbind(sub.topic)

    async def publish(self, topic: str, message: dict) -> int:
        await self.broker.send(topic, message)
        targets = list(self._subs.get(topic, ()))
        for sub in targets:
            sub.deliver(message)
        return len(targets)

    def subscriber_count(self, topic: str) -> int:
        return len(self._subs.get(topic, ()))

    async def drain(self) -> None:
        if self._tasks:
            await asyncio.gather(*self._tasks)
