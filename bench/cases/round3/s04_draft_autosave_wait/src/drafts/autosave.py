"""Debounced autosave: a save happens once typing pauses for DEBOUNCE s."""
import threading

DEBOUNCE = 0.12


class Autosaver:
    def __init__(self, storage, debounce=DEBOUNCE):
        self._storage = storage
        self._debounce = debounce
        self._timers = {}
        self._lock = threading.Lock()
        self.saved_versions = []

    def attach(self, doc):
        doc.on_change(self._schedule)

    def _schedule(self, doc):
        with self._lock:
            old = self._timers.pop(doc.doc_id, None)
            if old is not None:
                old.cancel()
            timer = threading.Timer(self._debounce, self._save, args=(doc,))
            timer.daemon = True
            self._timers[doc.doc_id] = timer
            timer.start()

    def _save(self, doc):
        snap = doc.snapshot()
        self._storage.save(doc.doc_id, snap)
        with self._lock:
            self.saved_versions.append(snap["version"])

    def flush(self, doc):
        with self._lock:
            timer = self._timers.pop(doc.doc_id, None)
        if timer is not None:
            timer.cancel()
        self._save(doc)

    def close(self):
        with self._lock:
            timers = list(self._timers.values())
            self._timers.clear()
        for t in timers:
            t.cancel()
