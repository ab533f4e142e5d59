import os
import time

from .exposition import MetricFamily


class RequestCounter:
    def __init__(self, service):
        self.service = service
        self.counts = {}

    def inc(self, route, status):
        key = (("route", route), ("status", str(status)))
        self.counts[key] = self.counts.get(key, 0) + 1

    def collect(self):
        fam = MetricFamily(f"{self.service}_requests_total", "counter", "Handled requests.")
        fam.samples.update(self.counts)
        return [fam]


def process_collector():
    fam = MetricFamily("process_open_fds", "gauge", "Open file descriptors.")
    fam.samples[()] = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 0
    up = MetricFamily("process_uptime_seconds", "gauge", "Seconds since start.")
    up.samples[()] = round(time.monotonic(), 3)
    return [fam, up]
