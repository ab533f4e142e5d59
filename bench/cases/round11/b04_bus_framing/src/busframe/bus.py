import json
import threading

from .framing import FrameEncoder


class Publisher:
    def __init__(self, bus, channel, encoder):
        self.bus = bus
        self.channel = channel
        self.encoder = encoder
        self.sent = 0

    def publish(self, record):
        payload = json.dumps(record, separators=(",", ":")).encode()
        self.bus.transport.write(self.encoder.encode(self.channel, payload))
        self.sent += 1


class Bus:
    """Client side of the message bus; one transport, many channels."""

    def __init__(self, transport, encoder=None):
        self.transport = transport
        self.encoder = encoder or FrameEncoder()
        self._publishers = {}
        self._lock = threading.Lock()

    def publisher(self, channel):
        with self._lock:
            pub = self._publishers.get(channel)
            if pub is None:
                pub = self._publishers[channel] = Publisher(self, channel, self.encoder)
            return pub

    def stats(self):
        with self._lock:
            return {name: pub.sent for name, pub in sorted(self._publishers.items())}
