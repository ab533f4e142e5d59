def test_blank_query_short_circuits(search, shards):
    result = search.search("   ")
    assert result.hits == []
    assert all(s.queries == 0 for s in shards)


def test_running_shoes_ranked(search):
    result = search.search("running shoe")
    assert result.skus[:2] == ["SKU-100", "SKU-101"]


def test_no_match(search):
    assert search.search("snorkel").hits == []


def test_search_includes_archived_products(search):
    result = search.search("hiking boot")
    assert "SKU-900" in result.skus
    assert result.answered == ["archive", "live-eu", "outlet"]
