import os
import random
import shutil
import time


class ArchiveShipper:
    """Copies finished segments to the archive bucket (a directory here)."""

    def __init__(self, archive_dir, upload_latency=(0.008, 0.016)):
        self.archive_dir = archive_dir
        self.upload_latency = upload_latency
        self.shipped = []
        os.makedirs(archive_dir, exist_ok=True)

    def __call__(self, path):
        target = os.path.join(self.archive_dir, os.path.basename(path))
        shutil.copyfile(path, target)
        time.sleep(random.uniform(*self.upload_latency))
        self.shipped.append(os.path.basename(path))
