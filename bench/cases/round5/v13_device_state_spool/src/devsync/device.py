class Device:
    def __init__(self, device_id, spool, link):
        self.device_id = device_id
        self.spool = spool
        self.link = link
        self.settings = {"brightness": 50, "volume": 30, "night_mode": False}

    def change(self, **updates):
        unknown = set(updates) - set(self.settings)
        if unknown:
            raise KeyError(f"unknown settings: {sorted(unknown)}")
        self.settings.update(updates)
        self.spool.enqueue(self.device_id, self.settings)
        self.sync()

    def sync(self):
        """Upload queued snapshots; stop at the first network error."""
        sent = 0
        for path in self.spool.pending():
            snapshot = self.spool.load(path)
            try:
                self.link.put_state(snapshot["device"], snapshot["settings"])
            except ConnectionError:
                break
            self.spool.discard(path)
            sent += 1
        return sent
