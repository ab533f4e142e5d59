import threading


class MeterPoller:
    """Polls a set of meters on a background thread until stopped."""

    def __init__(self, meters, buffer, interval=0.005):
        self.meters = meters
        self.buffer = buffer
        self.interval = interval
        self._stop = threading.Event()
        self._thread = None
        self.rounds = 0

    def start(self):
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self):
        while not self._stop.is_set():
            for meter, read in self.meters.items():
                self.buffer.record(meter, read())
            self.rounds += 1
            self._stop.wait(self.interval)

    def stop(self, timeout=5.0):
        self._stop.set()
        self._thread.join(timeout)
        return not self._thread.is_alive()
