import logging
import threading

from . import config

log = logging.getLogger(__name__)


class RatesRefresher:
    """Keeps app.rates current by polling the FX provider on the app's executor."""

    def __init__(self, app):
        self.app = app
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="rates-refresher", daemon=True)
        self.refreshes = 0

    def start(self):
        self._thread.start()

    def stop(self):
        self._stop.set()
        self._thread.join(2)

    def _refresh(self):
        self.app.rates = self.app.fx.latest()
        self.refreshes += 1

    def _loop(self):
        while not self._stop.wait(config.RATES_REFRESH_EVERY):
            try:
                self.app.executor.submit(self._refresh).result()
            except Exception:
                log.exception("rate refresh failed")
