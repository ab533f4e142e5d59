import hashlib
import random
import time
from pathlib import Path


def read_exif(path):
    data = Path(path).read_bytes()
    digest = hashlib.sha1(data).hexdigest()
    return {"camera": "X-T5" if data[:1] == b"F" else "unknown", "sha1": digest, "bytes": len(data)}


def make_thumbnail(path, size):
    """Decode + resize; libvips takes 30-130 ms for a 24 MP JPEG."""
    time.sleep(random.uniform(0.030, 0.130))
    return f"{Path(path).stem}-{size}.webp"


def disk_free_ratio(root):
    import shutil

    usage = shutil.disk_usage(root)
    return usage.free / usage.total
