import itertools
from dataclasses import dataclass

from .clock import device_time


@dataclass(frozen=True)
class Reading:
    sensor_id: str
    seq: int
    ts: float
    celsius: float


class SensorDevice:
    def __init__(self, sensor_id: str, source):
        self.sensor_id = sensor_id
        self._source = source
        self._seq = itertools.count(1)

    def read(self) -> Reading:
        value = float(self._source())
        return Reading(self.sensor_id, next(self._seq), device_time(), value)
