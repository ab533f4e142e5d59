"""Client-side event bus on top of a remote broker connection.

The broker routes a topic to this process once it has been registered; the
bus then fans each delivered message out to the local subscription queues.
"""
import asyncio
from collections import defaultdict


class Subscription:
    def __init__(self, bus, topic, queue):
        self.bus = bus
        self.topic = topic
        self._queue = queue

    async def get(self, timeout=None):
        return await asyncio.wait_for(self._queue.get(), timeout)

    def pending(self):
        return self._queue.qsize()

    async def close(self):
        await self.bus.unsubscribe(self)


class EventBus:
    def __init__(self, broker):
        self._broker = broker
        self._queues = defaultdict(list)
        self.dropped = 0
        broker.on_deliver(self._dispatch)

    async def subscribe(self, topic):
        queue = asyncio.Queue()
        if topic not in self._queues:
            await self._broker.register(topic)
        self._queues[topic].append(queue)
        return Subscription(self, topic, queue)

    async def unsubscribe(self, sub):
        queues = self._queues.get(sub.topic, [])
        if sub._queue in queues:
            queues.remove(sub._queue)
        if not queues:
            self._queues.pop(sub.topic, None)
            await self._broker.unregister(sub.topic)

    def _dispatch(self, topic, payload):
        queues = self._queues.get(topic)
        if not queues:
            self.dropped += 1
            return
        for q in queues:
            q.put_nowait(payload)

    async def publish(self, topic, payload):
        await self._broker.send(topic, payload)
