"""Background poller that reads sensors on a jittered schedule."""
import random
import threading


def backoff_schedule(attempts, base=0.1, cap=5.0, rng=None):
    rng = rng or random.Random()
    return [min(cap, base * 2 ** i) * rng.uniform(0.5, 1.0) for i in range(attempts)]


class Poller:
    def __init__(self, read, sink, interval=0.01, seed=None):
        self.read = read
        self.sink = sink
        self.interval = interval
        self._rng = random.Random(seed)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.polls = 0
        self.first_poll = threading.Event()

    def _run(self):
        while not self._stop.is_set():
            sensor, value = self.read()
            self.sink.record(sensor, value)
            self.polls += 1
            self.first_poll.set()
            self._stop.wait(self.interval * self._rng.uniform(0.5, 1.5))

    def start(self):
        self._thread.start()
        return self

    def stop(self, timeout=5):
        self._stop.set()
        self._thread.join(timeout)
        return not self._thread.is_alive()
