import threading


class PresenceHeartbeat(threading.Thread):
    """Tells the CRM that this integration is online, so agents see it as active."""

    def __init__(self, client, interval):
        super().__init__(daemon=True, name="crm-presence")
        self.client = client
        self.interval = interval
        self.beats = 0
        self._halt = threading.Event()

    def run(self):
        while not self._halt.is_set():
            try:
                self.client.call("PUT", "/integrations/self/presence", {"status": "online"})
                self.beats += 1
            except Exception:
                pass
            self._halt.wait(self.interval)

    def stop(self):
        self._halt.set()
