from edgegw.client import get
from conftest import V2


def test_serves_current_config(deployment):
    assert get(deployment.port, "/api/orders") == ("v1", "orders:8080")


def test_unknown_route_is_404(deployment):
    assert get(deployment.port, "/nope") == ("v1", "404")


def test_swap_keeps_the_port(deployment):
    new = deployment.swap(V2)
    assert new.port == deployment.port


def test_new_routes_live_after_swap(deployment):
    deployment.swap(V2)
    assert get(deployment.port, "/api/search?q=lamp") == ("v2", "search:9200")
