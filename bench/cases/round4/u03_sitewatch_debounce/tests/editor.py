"""Replays the event sequence a real editor produces when saving a file."""

import random
import threading
import time


def _think():
    # fsync + rename + metadata update; measured 10-60 ms on the CI disks
    time.sleep(random.uniform(0.010, 0.060))


def save_like_vim(watcher, path, text):
    """Write swap file, write the target, then chmod: three events."""

    def run():
        path.with_name(path.name + ".swp").write_text(text)
        watcher.on_event("created", path.with_name(path.name + ".swp"))
        path.write_text(text)
        watcher.on_event("modified", path)
        _think()
        watcher.on_event("modified", path)
        _think()
        watcher.on_event("modified", path)

    t = threading.Thread(target=run)
    t.start()
    return t
