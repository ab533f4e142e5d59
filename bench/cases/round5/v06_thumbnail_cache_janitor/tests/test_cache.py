import time

from thumbs.cache import Janitor
from thumbs.gallery import GalleryService
from thumbs.render import render_thumbnail


def test_second_request_is_served_from_cache(gallery, cache):
    first = gallery.thumbnail("p1")
    assert gallery.thumbnail("p1") == first
    assert gallery.rendered == 1


def test_entries_expire(gallery, cache, clock):
    gallery.thumbnail("p1")
    clock.now += 31
    assert cache.get("p1@160x120") is None
    assert cache.evict_expired() == 1


def test_hits_are_logged(gallery, access_log):
    gallery.page(["p1", "p2", "p1"])
    gallery.page(["p1"])
    assert access_log.counts() == {"p1@160x120": 2}


def test_render_is_deterministic():
    assert render_thumbnail("p9") == render_thumbnail("p9")
    assert render_thumbnail("p9") != render_thumbnail("p8")


def test_gallery_scrolling_with_janitor_running(live_cache):
    gallery = GalleryService(live_cache)
    photos = [f"photo-{i:03d}" for i in range(12)]
    scroll_until = time.monotonic() + 0.03
    with Janitor(live_cache, interval=0.002):
        while time.monotonic() < scroll_until:
            pages = gallery.page(photos)
            assert all(p.startswith(b"THMB") for p in pages)
    assert gallery.rendered >= len(photos)
