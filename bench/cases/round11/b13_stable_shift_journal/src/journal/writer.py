import os
import threading

from .clock import utc_stamp


class JournalWriter:
    """Appends journal lines from many threads; rotates into numbered segments."""

    def __init__(self, directory, max_lines=200):
        self.directory = directory
        self.max_lines = max_lines
        self._lock = threading.Lock()
        self._segment = 0
        self._lines_in_segment = 0
        self._buffer = []
        self.written = 0
        os.makedirs(directory, exist_ok=True)

    def _path(self, n):
        return os.path.join(self.directory, "segment-%04d.log" % n)

    def append(self, source, text):
        line = "%s %s %s\n" % (utc_stamp(), source, text.replace("\n", " "))
        with self._lock:
            self._buffer.append(line)
            self._lines_in_segment += 1
            self.written += 1
            if self._lines_in_segment >= self.max_lines:
                self._flush_locked()
                self._segment += 1
                self._lines_in_segment = 0

    def _flush_locked(self):
        if not self._buffer:
            return
        with open(self._path(self._segment), "a", encoding="utf-8") as fh:
            fh.writelines(self._buffer)
        self._buffer.clear()

    def flush(self):
        with self._lock:
            self._flush_locked()

    def segments(self):
        return sorted(name for name in os.listdir(self.directory) if name.startswith("segment-"))
