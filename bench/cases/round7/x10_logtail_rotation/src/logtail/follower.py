"""`tail -F` in a thread: follow a log file across rotations."""
import os
import queue
import threading


class Follower:
    def __init__(self, path, poll_interval=0.025):
        self.path = str(path)
        self.poll_interval = poll_interval
        self.lines = queue.Queue()
        self._stop = threading.Event()
        self._fh = None
        self._thread = threading.Thread(target=self._run, name="follower", daemon=True)

    def start(self):
        self._open()
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()
        self._thread.join(2)
        if self._fh:
            self._fh.close()

    def _open(self):
        self._fh = open(self.path, "r", encoding="utf-8")
        self._fh.seek(0, os.SEEK_END)
        self._inode = os.fstat(self._fh.fileno()).st_ino

    def _rotated(self):
        try:
            return os.stat(self.path).st_ino != self._inode
        except FileNotFoundError:
            return False

    def _drain(self):
        while True:
            line = self._fh.readline()
            if not line:
                return
            self.lines.put(line.rstrip("\n"))

    def _run(self):
        while not self._stop.is_set():
            self._drain()
            if self._rotated():
                self._drain()
                self._fh.close()
                self._open()
                continue
            self._stop.wait(self.poll_interval)
