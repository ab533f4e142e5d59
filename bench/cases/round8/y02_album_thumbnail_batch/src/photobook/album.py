from .batch import render_thumbnails


class Album:
    def __init__(self, title, photos=()):
        self.title = title
        self.photos = list(photos)
        self.thumbnails = {}

    def add(self, photo):
        self.photos.append(photo)

    def publish(self):
        pending = [p for p in self.photos if p.name not in self.thumbnails]
        for thumb in render_thumbnails(pending):
            self.thumbnails[thumb["photo"]] = thumb["blob"]
        return {"title": self.title, "count": len(self.photos),
                "cover": self.thumbnails.get(self.photos[0].name) if self.photos else None}
