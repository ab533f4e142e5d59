from catalogapi.views import get_product, list_products


def test_missing_product_is_404(repo):
    status, headers, body = get_product(repo, "NOPE-1")
    assert status == 404


def test_full_product_etag_matches_cdn_snapshot(repo, golden):
    status, headers, body = get_product(repo, "TEA-001")
    assert status == 200
    assert headers["ETag"] == golden["TEA-001"]


def test_revalidation_returns_304(repo):
    _, headers, _ = get_product(repo, "MUG-010", "name,price")
    status, _, body = get_product(repo, "MUG-010", "name,price", if_none_match=headers["ETag"])
    assert status == 304 and body is None


def test_sparse_etag_matches_cdn_snapshot(repo, golden):
    status, headers, body = get_product(repo, "TEA-002", "stock")
    assert body["stock"] == 0
    assert headers["ETag"] == golden["TEA-002?fields=stock"]


def test_listing_contains_every_product(repo):
    status, _, body = list_products(repo, "name")
    assert [p["sku"] for p in body] == ["MUG-010", "TEA-001", "TEA-002"]
