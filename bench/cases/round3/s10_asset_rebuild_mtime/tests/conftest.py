import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from assetpipe import Builder


@pytest.fixture
def project(tmp_path):
    src = tmp_path / "styles"
    src.mkdir()
    (src / "base.scss").write_text("/* base */\nbody { color: $ink; }\n")
    (src / "nav.scss").write_text("nav { background: $brand; }\n")
    (src / "README.txt").write_text("not a stylesheet")
    return tmp_path


@pytest.fixture
def builder(project):
    return Builder(str(project / "styles"), str(project / "dist"), {"ink": "#222", "brand": "#0a5"})
