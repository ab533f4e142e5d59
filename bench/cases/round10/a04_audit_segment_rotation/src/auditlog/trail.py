import itertools
import json
import logging
import threading
import time

log = logging.getLogger("auditlog")


class AuditTrail:
    """Sequenced audit events plus a liveness heartbeat."""

    def __init__(self, writer, heartbeat_every=0.02):
        self.writer = writer
        self.heartbeat_every = heartbeat_every
        self._seq = itertools.count(1)
        self._seq_lock = threading.Lock()
        self.write_errors = 0
        self._stop = threading.Event()
        self._beat = threading.Thread(target=self._heartbeat, name="audit-heartbeat", daemon=True)

    def start(self):
        self._beat.start()
        return self

    def record(self, kind, **fields):
        with self._seq_lock:
            seq = next(self._seq)
        event = dict(fields, seq=seq, kind=kind, ts=round(time.time(), 6))
        try:
            self.writer.append(event)
        except (OSError, ValueError):
            self.write_errors += 1
            log.exception("audit write failed for seq %s", seq)
            raise
        return seq

    def _heartbeat(self):
        while not self._stop.wait(self.heartbeat_every):
            try:
                self.record("heartbeat")
            except (OSError, ValueError):
                pass

    def stop(self):
        self._stop.set()
        self._beat.join(1)
        self.writer.close()

    def read_all(self):
        events = []
        for path in self.writer.segments():
            with open(path, encoding="utf-8") as fh:
                events.extend(json.loads(line) for line in fh if line.strip())
        return sorted(events, key=lambda e: e["seq"])

    def gaps(self):
        seqs = [e["seq"] for e in self.read_all()]
        return sorted(set(range(1, max(seqs, default=0) + 1)) - set(seqs))
