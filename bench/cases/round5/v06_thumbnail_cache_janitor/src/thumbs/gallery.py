from .render import render_thumbnail, thumbnail_key

GRID = (160, 120)


class GalleryService:
    def __init__(self, cache):
        self.cache = cache
        self.rendered = 0

    def thumbnail(self, photo_id, size=GRID):
        key = thumbnail_key(photo_id, size)
        data = self.cache.get(key)
        if data is None:
            data = render_thumbnail(photo_id, size)
            self.rendered += 1
            self.cache.put(key, data)
        return data

    def page(self, photo_ids, size=GRID):
        return [self.thumbnail(pid, size) for pid in photo_ids]
