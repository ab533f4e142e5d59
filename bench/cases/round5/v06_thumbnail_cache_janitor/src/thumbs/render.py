import hashlib
import zlib


def render_thumbnail(photo_id, size=(160, 120)):
    """Deterministic fake thumbnail bytes: a compressed pseudo-bitmap."""
    seed = hashlib.sha256(f"{photo_id}:{size[0]}x{size[1]}".encode()).digest()
    pixels = (seed * (size[0] * size[1] // len(seed) // 8 + 1))[: size[0] * size[1] // 8]
    return b"THMB" + zlib.compress(pixels, 1)


def thumbnail_key(photo_id, size):
    return f"{photo_id}@{size[0]}x{size[1]}"
