import sys

from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitewatch.builder import SiteBuilder  # noqa: E402
from sitewatch.watcher import SiteWatcher  # noqa: E402


@pytest.fixture
def site(tmp_path):
    src = tmp_path / "content"
    src.mkdir()
    (src / "index.md").write_text("# Home\nWelcome.\n")
    (src / "about.md").write_text("# About\nUs.\n")
    return src


@pytest.fixture
def builder(site, tmp_path):
    return SiteBuilder(site, tmp_path / "public")


@pytest.fixture
def watcher(builder):
    w = SiteWatcher(builder)
    yield w
    w.stop()
