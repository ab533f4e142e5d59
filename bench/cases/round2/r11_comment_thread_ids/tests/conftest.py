import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from threads import CommentStore


@pytest.fixture
def store():
    return CommentStore(page_size=3)


@pytest.fixture
def discussion(store):
    root = store.add("post-1", "ana", "Great write-up!")
    store.add("post-1", "bo", "Thanks", parent_id=root.id)
    return store, root
