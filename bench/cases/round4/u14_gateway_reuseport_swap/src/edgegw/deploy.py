import threading

from .server import GatewayServer


class Deployment:
    """Keeps one live gateway and swaps it for a new config without a gap."""

    def __init__(self, config, port=0, grace=2.0):
        self.live = GatewayServer(config, port=port).start()
        self.port = self.live.port
        self.grace = grace
        self.retired = []

    def swap(self, new_config):
        new = GatewayServer(new_config, port=self.port).start()
        old, self.live = self.live, new
        old.begin_drain()
        timer = threading.Timer(self.grace, old.stop)
        timer.daemon = True
        timer.start()
        self.retired.append((old, timer))
        return new

    def shutdown(self):
        for old, timer in self.retired:
            timer.cancel()
            old.stop()
        self.live.stop()
