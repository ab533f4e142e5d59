import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from docsearch import TagIndex


@pytest.fixture
def index():
    return TagIndex()


def make_docs(n, start=0):
    tags = ["Python", "Rust", "Go", "Databases", "Ops", "Security", "Frontend"]
    return [{"id": "doc-%05d" % i, "title": "Article %d" % i,
             "tags": [tags[i % 7], tags[(i * 3) % 7], "Year %d" % (2000 + i % 25)]}
            for i in range(start, start + n)]
