import json
import os
import tempfile
import threading
import uuid


class SessionStore:
    def __init__(self, directory, clock, ttl=1800.0):
        self.directory = str(directory)
        self.clock = clock
        self.ttl = ttl
        self._lock = threading.Lock()
        self._sessions = {}

    def create(self, user, **data):
        sid = uuid.uuid4().hex
        with self._lock:
            self._sessions[sid] = {"user": user, "data": dict(data), "seen": self.clock.now()}
        return sid

    def get(self, sid):
        with self._lock:
            entry = self._sessions.get(sid)
            if entry is None or self.clock.now() - entry["seen"] > self.ttl:
                return None
            entry["seen"] = self.clock.now()
            return {"user": entry["user"], **entry["data"]}

    def update(self, sid, **data):
        with self._lock:
            self._sessions[sid]["data"].update(data)

    def expire(self):
        now = self.clock.now()
        with self._lock:
            dead = [sid for sid, e in self._sessions.items() if now - e["seen"] > self.ttl]
            for sid in dead:
                del self._sessions[sid]
        return len(dead)

    def __len__(self):
        with self._lock:
            return len(self._sessions)

    def save(self):
        with self._lock:
            payload = json.dumps(
                {sid: {"user": e["user"], "data": e["data"]} for sid, e in self._sessions.items()},
                sort_keys=True)
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".sessions-", suffix=".part")
        with os.fdopen(fd, "w") as fh:
            fh.write(payload)
        os.replace(tmp, os.path.join(self.directory, "sessions.json"))

    def load(self):
        path = os.path.join(self.directory, "sessions.json")
        with open(path) as fh:
            saved = json.load(fh)
        now = self.clock.now()
        with self._lock:
            for sid, e in saved.items():
                self._sessions[sid] = {"user": e["user"], "data": e["data"], "seen": now}
        return len(saved)
