from dataclasses import dataclass, field


@dataclass(frozen=True)
class Photo:
    photo_id: str
    width: int
    height: int
    pixels: bytes = b""


@dataclass
class Album:
    album_id: str
    title: str
    photos: list[Photo] = field(default_factory=list)

    def add(self, photo_id: str, width: int = 4000, height: int = 3000) -> Photo:
        photo = Photo(photo_id, width, height, photo_id.encode() * 64)
        self.photos.append(photo)
        return photo
