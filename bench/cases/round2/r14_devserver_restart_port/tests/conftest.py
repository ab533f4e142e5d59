import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from devserve import ServerProcess


@pytest.fixture
def site(tmp_path):
    (tmp_path / "index.html").write_text("<h1>home</h1>")
    (tmp_path / "app.js").write_text("console.log(1)")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.txt").write_text("read me")
    return tmp_path


@pytest.fixture
def server(site):
    proc = ServerProcess(site)
    proc.start()
    yield proc
    proc.stop()
