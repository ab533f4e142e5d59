from conftest import product_page


def test_cached_images_skip_origin(slow_origin, proxy):
    proxy.cache["/static/logo.svg"] = b"logo"
    assert proxy.image("/static/logo.svg") == b"logo"
    assert slow_origin.requests == []


def test_page_renders_all_images(proxy):
    bodies = proxy.render_page([f"/img/sku-1/{n}.jpg" for n in ("front", "back", "side")])
    assert len(bodies) == 3 and all(bodies)


def test_browsing_several_product_pages(proxy, slow_origin):
    for sku in ("sku-10", "sku-11", "sku-12", "sku-13"):
        bodies = proxy.render_page(product_page(sku))
        assert len(bodies) == 4
    proxy.close()
    assert proxy.fetcher.closed
