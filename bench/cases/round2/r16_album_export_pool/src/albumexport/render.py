import hashlib
import time

from .models import Photo

SIZES = {"thumb": 256, "web": 1600}


def fit(width: int, height: int, box: int) -> tuple[int, int]:
    scale = min(1.0, box / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def render_photo(photo: Photo, size: str = "web") -> dict:
    w, h = fit(photo.width, photo.height, SIZES[size])
    time.sleep(0.02)  # decode + resample + encode
    digest = hashlib.sha256(photo.pixels + f"{w}x{h}".encode()).hexdigest()[:16]
    return {"photo": photo.photo_id, "size": size, "dims": (w, h), "etag": digest}
