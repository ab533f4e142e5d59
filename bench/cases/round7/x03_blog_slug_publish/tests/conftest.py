import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from blogcms import Draft, PostStore, Publisher


@pytest.fixture
def store():
    return PostStore()


@pytest.fixture
def publisher(store):
    return Publisher(store)


@pytest.fixture
def make_draft():
    def _make(title="Release notes", author="ines", body="# Changes\n\nFaster exports."):
        return Draft(title=title, body=body, author=author)
    return _make
