import random
import threading
import time


class SessionReaper:
    """Logs out idle sessions in the background and drops their alerts."""

    def __init__(self, hub, idle_after):
        self.hub = hub
        self.idle_after = idle_after
        self._last_seen = {}
        self._lock = threading.Lock()
        self.reaped = []

    def touch(self, user, at=None):
        with self._lock:
            self._last_seen[user] = time.monotonic() if at is None else at

    def reap_once(self, now=None):
        now = time.monotonic() if now is None else now
        with self._lock:
            idle = [u for u, seen in self._last_seen.items() if now - seen >= self.idle_after]
            for user in idle:
                del self._last_seen[user]
        for user in idle:
            self.hub.unsubscribe_user(user)
            self.reaped.append(user)
        return idle

    def run_in_background(self, splay):
        """Reap once, after a random splay so replicas do not reap in lockstep."""
        def run():
            time.sleep(random.uniform(0, splay))
            self.reap_once()
        thread = threading.Thread(target=run, name="session-reaper", daemon=True)
        thread.start()
        return thread
