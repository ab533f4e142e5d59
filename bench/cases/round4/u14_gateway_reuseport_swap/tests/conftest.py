import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from edgegw.deploy import Deployment  # noqa: E402
from edgegw.routes import GatewayConfig  # noqa: E402

V1 = GatewayConfig("v1", {"/api/": "orders:8080", "/static/": "cdn:80"})
V2 = GatewayConfig("v2", {"/api/": "orders:8080", "/api/search": "search:9200", "/static/": "cdn:80"})


@pytest.fixture
def deployment():
    d = Deployment(V1)
    yield d
    d.shutdown()
