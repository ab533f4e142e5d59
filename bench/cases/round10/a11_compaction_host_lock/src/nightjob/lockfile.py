import fcntl
import os
import socket
import time

from .fsutil import atomic_write_json, read_json


class JobLock:
    """Host-wide exclusive lock for a job, with the holder recorded in the file."""

    def __init__(self, path):
        self.path = path
        self._fd = None

    def acquire(self):
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        atomic_write_json(self.path, {"pid": os.getpid(), "host": socket.gethostname(),
                                      "since": time.time()})
        return True

    def holder(self):
        return read_json(self.path)

    def release(self):
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self):
        if not self.acquire():
            raise BlockingIOError(self.path)
        return self

    def __exit__(self, *exc):
        self.release()
