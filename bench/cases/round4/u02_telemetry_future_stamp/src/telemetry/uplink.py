import json
import time

from .device import Reading


def encode(readings) -> bytes:
    rows = [[r.sensor_id, r.seq, r.ts, r.celsius] for r in readings]
    return json.dumps({"v": 1, "rows": rows}, separators=(",", ":")).encode()


def decode(payload: bytes):
    doc = json.loads(payload)
    if doc.get("v") != 1:
        raise ValueError(f"unsupported uplink version {doc.get('v')!r}")
    return [Reading(sid, seq, ts, c) for sid, seq, ts, c in doc["rows"]]


class Uplink:
    """LoRa-ish link: one frame at a time, fixed air time per frame."""

    def __init__(self, sink, air_time: float = 0.012):
        self._sink = sink
        self.air_time = air_time
        self.frames = 0

    def send(self, readings):
        payload = encode(readings)
        time.sleep(self.air_time)
        self.frames += 1
        return self._sink(payload)
