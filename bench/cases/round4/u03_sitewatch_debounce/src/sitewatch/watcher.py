from pathlib import Path

from .debounce import Debouncer
from .settings import DEFAULT


class SiteWatcher:
    """Receives file-system change events (from inotify in production)."""

    def __init__(self, builder, settings=DEFAULT):
        self.builder = builder
        self.settings = settings
        self._debouncer = Debouncer(builder.rebuild, settings.quiet_period, settings.max_delay)

    def relevant(self, path) -> bool:
        name = Path(path).name
        if name.startswith("."):
            return False
        return not name.endswith(self.settings.ignore_suffixes)

    def on_event(self, kind, path):
        if kind not in {"created", "modified", "moved", "deleted"}:
            return
        if self.relevant(path):
            self._debouncer.push(Path(path).name)

    def settle(self, timeout=2.0):
        return self._debouncer.wait_idle(timeout)

    def stop(self):
        self._debouncer.cancel()
