import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from assetd import AssetServer, Bundler, CachingClient


@pytest.fixture
def docroot(tmp_path):
    root = tmp_path / "public"
    root.mkdir()
    (root / "robots.txt").write_text("User-agent: *\nDisallow:\n")
    return root


@pytest.fixture
def server(docroot):
    return AssetServer(docroot)


@pytest.fixture
def client(server):
    return CachingClient(server)


@pytest.fixture
def bundler(docroot):
    return Bundler(docroot, step_delay=0.3)
