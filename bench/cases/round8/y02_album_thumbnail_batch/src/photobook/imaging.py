import hashlib
import random
import time


class Photo:
    def __init__(self, name, megapixels):
        self.name = name
        self.megapixels = megapixels

    def __repr__(self):
        return f"Photo({self.name!r}, {self.megapixels}MP)"


def decode_and_scale(photo, size):
    """Decode + downscale; cost grows with the source resolution."""
    time.sleep(0.004 * photo.megapixels + random.uniform(0.0, 0.06))
    digest = hashlib.sha1(f"{photo.name}:{size}".encode()).hexdigest()[:12]
    return {"photo": photo.name, "size": size, "blob": digest}
