import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pytest

from drafts import Autosaver, Document, DraftStorage


@pytest.fixture
def storage(tmp_path):
    return DraftStorage(str(tmp_path / "drafts"))


@pytest.fixture
def autosaver(storage):
    saver = Autosaver(storage)
    yield saver
    saver.close()


@pytest.fixture
def doc(autosaver):
    d = Document("memo-17")
    autosaver.attach(d)
    return d
