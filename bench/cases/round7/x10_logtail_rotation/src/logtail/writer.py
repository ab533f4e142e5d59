"""Application-side log writer with size-based rotation (logrotate-style)."""
import os


class RotatingLog:
    def __init__(self, path, max_bytes=4096, backups=3):
        self.path = str(path)
        self.max_bytes = max_bytes
        self.backups = backups
        self.rotations = 0
        self._fh = open(self.path, "a", encoding="utf-8")

    def write(self, line):
        self._fh.write(line.rstrip("\n") + "\n")
        self._fh.flush()
        if self._fh.tell() >= self.max_bytes:
            self.rotate()

    def rotate(self):
        self._fh.close()
        for n in range(self.backups - 1, 0, -1):
            src = "%s.%d" % (self.path, n)
            if os.path.exists(src):
                os.replace(src, "%s.%d" % (self.path, n + 1))
        os.replace(self.path, self.path + ".1")
        self._fh = open(self.path, "a", encoding="utf-8")
        self.rotations += 1

    def close(self):
        self._fh.close()
