import os
import random
import threading


class FolderSync:
    """Background sync of a small local folder (settings, thumbnails)."""

    def __init__(self, uploader, folder, splay=0.3):
        self.uploader = uploader
        self.folder = folder
        self.splay = splay
        self.synced = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="folder-sync", daemon=True)

    def start(self):
        self._thread.start()
        return self

    def _pending(self):
        for entry in sorted(os.scandir(self.folder), key=lambda e: e.name):
            if entry.is_file() and not entry.name.startswith("."):
                yield entry

    def _run(self):
        if self._stop.wait(random.uniform(0, self.splay)):
            return
        for entry in self._pending():
            with open(entry.path, "rb") as fh:
                self.uploader.upload("settings/" + entry.name, fh.read())
            self.synced.append(entry.name)

    def stop(self, timeout=2.0):
        self._stop.set()
        self._thread.join(timeout)
