import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest


@pytest.fixture
def blog(tmp_path):
    site = tmp_path / "blog"
    (site / "content").mkdir(parents=True)
    (site / "site.cfg").write_text("title = Field Notes\nbase_url = /notes/\n")
    (site / "content" / "hello-world.md").write_text("---\ntitle: Hello\n---\nFirst post.\n\nMore text.")
    (site / "content" / "wip.md").write_text("---\ndraft: yes\n---\nnot yet")
    return site
