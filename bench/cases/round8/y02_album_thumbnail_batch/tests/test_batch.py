from photobook.batch import render_thumbnails
from photobook.imaging import Photo, decode_and_scale


def test_single_thumbnail():
    t = decode_and_scale(Photo("a.jpg", 2), (64, 64))
    assert t["photo"] == "a.jpg" and len(t["blob"]) == 12


def test_results_follow_input_order():
    photos = [Photo(f"p{i}.jpg", 1) for i in range(4)]
    assert [t["photo"] for t in render_thumbnails(photos)] == ["p0.jpg", "p1.jpg", "p2.jpg", "p3.jpg"]


def test_empty_batch():
    assert render_thumbnails([]) == []
