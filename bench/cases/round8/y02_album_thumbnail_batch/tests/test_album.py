from photobook.album import Album
from photobook.imaging import Photo


def test_publish_empty_album():
    assert Album("Empty").publish() == {"title": "Empty", "count": 0, "cover": None}


def test_publish_renders_only_new_photos():
    album = Album("Garden", [Photo("rose.jpg", 2)])
    album.publish()
    first = dict(album.thumbnails)
    album.add(Photo("tulip.jpg", 2))
    album.publish()
    assert album.thumbnails["rose.jpg"] == first["rose.jpg"]
    assert set(album.thumbnails) == {"rose.jpg", "tulip.jpg"}


def test_publish_holiday_album(holiday_photos):
    album = Album("Lisbon 2026", holiday_photos)
    summary = album.publish()
    assert summary["count"] == 6
    assert len(album.thumbnails) == 6
