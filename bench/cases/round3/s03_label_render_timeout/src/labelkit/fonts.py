"""Bitmap font loading for the thermal label printers.

Fonts live on the shared print server; the first use of a face pulls the
glyph file over the share, later uses hit the in-process cache.
"""
import random
import threading
import time

FACES = {
    "mono": {"width": 6, "pages": 2},
    "dejavu": {"width": 7, "pages": 4},
    "code39": {"width": 9, "pages": 3},
}


class FontNotFound(KeyError):
    pass


def fetch_glyph_file(face):
    """Read the glyph pages of a face from the print server share."""
    info = FACES[face]
    # share latency varies with the print server's load
    time.sleep(random.uniform(0.04, 0.22))
    return {chr(c): (c * 31) % 251 for c in range(32, 32 + 48 * info["pages"])}


class FontCache:
    def __init__(self):
        self._faces = {}
        self._lock = threading.Lock()
        self.loads = 0

    def get(self, face):
        if face not in FACES:
            raise FontNotFound(face)
        with self._lock:
            font = self._faces.get(face)
            if font is None:
                glyphs = fetch_glyph_file(face)
                font = {"name": face, "width": FACES[face]["width"], "glyphs": glyphs}
                self._faces[face] = font
                self.loads += 1
            return font

    def warm(self, *faces):
        for face in faces:
            self.get(face)
