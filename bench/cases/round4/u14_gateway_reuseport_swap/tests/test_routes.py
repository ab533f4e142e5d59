from conftest import V1, V2


def test_longest_prefix_wins():
    assert V2.resolve("/api/search?q=x") == "search:9200"
    assert V2.resolve("/api/orders/1") == "orders:8080"


def test_unknown_path():
    assert V1.resolve("/admin") is None
