from photoindex.media import make_thumbnail, read_exif


def test_exif_detects_camera(tmp_path):
    p = tmp_path / "a.jpg"
    p.write_bytes(b"FUJI...")
    assert read_exif(p)["camera"] == "X-T5"


def test_thumbnail_name(tmp_path):
    assert make_thumbnail(tmp_path / "IMG_1.jpg", 128) == "IMG_1-128.webp"
