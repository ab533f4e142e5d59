import threading


class Sweeper:
    """Drops staged uploads that the pipeline did not claim within max_age seconds."""

    def __init__(self, area, quota, max_age, clock):
        self.area = area
        self.quota = quota
        self.max_age = max_age
        self.clock = clock

    def sweep_once(self):
        now = self.clock()
        removed = []
        for upload_id in self.area.ids():
            meta = self.area.meta(upload_id)
            if now - meta["staged_at"] >= self.max_age:
                self.quota.release(meta["owner"], meta["size"])
                self.area.remove(upload_id)
                removed.append(upload_id)
        return removed

    def run_in_background(self, interval, stop: threading.Event):
        def loop():
            while not stop.wait(interval):
                self.sweep_once()

        t = threading.Thread(target=loop, daemon=True)
        t.start()
        return t
