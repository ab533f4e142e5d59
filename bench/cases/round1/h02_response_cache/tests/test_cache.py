from respcache import ResponseCache, parse_cache_control


def test_parse_cache_control():
    cc = parse_cache_control('public, max-age=60, s-maxage="120", must-revalidate')
    assert cc == {"public": True, "max-age": 60, "s-maxage": 120, "must-revalidate": True}


def test_no_store_is_not_cached(cache):
    assert cache.store("/cart", 200, b"{}", {"Cache-Control": "no-store"}) is None
    assert cache.lookup("/cart") is None


def test_errors_are_not_cached(cache):
    assert cache.store("/feed", 503, b"", {"Cache-Control": "max-age=30"}) is None
    assert len(cache) == 0


def test_lookup_returns_fresh_entry(cache, fetched):
    fetched("/products", b"[1,2,3]")
    assert cache.lookup("/products").body == b"[1,2,3]"


def test_just_fetched_feed_does_not_need_refresh(cache, fetched):
    fetched("/products")
    assert not cache.needs_refresh("/products")


def test_revalidation_uses_etag(cache, fetched):
    fetched("/products", etag='"abc"')
    assert cache.revalidation_headers("/products") == {"If-None-Match": '"abc"'}
    assert cache.revalidation_headers("/missing") == {}


def test_eviction_keeps_size_bounded():
    small = ResponseCache(max_entries=2)
    for i in range(3):
        small.store("/p/%d" % i, 200, b"x", {"Cache-Control": "max-age=60"})
    assert len(small) == 2
