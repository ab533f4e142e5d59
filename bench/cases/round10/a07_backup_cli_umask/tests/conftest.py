import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest


@pytest.fixture
def project(tmp_path):
    src = tmp_path / "project"
    (src / "docs").mkdir(parents=True)
    (src / ".cache").mkdir()
    (src / "README.md").write_text("# project\n")
    (src / "docs" / "guide.md").write_text("guide\n" * 50)
    (src / ".cache" / "blob").write_bytes(b"\0" * 100)
    return src
