import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from albumexport import Album, Exporter, SyncScheduler


def make_album(album_id, n, title=None):
    album = Album(album_id, title or album_id.title())
    for i in range(n):
        album.add(f"{album_id}-{i:03d}")
    return album


@pytest.fixture
def exporter():
    ex = Exporter()
    yield ex
    ex.close()


@pytest.fixture
def holiday():
    return make_album("holiday", 6, "Summer 2026")


@pytest.fixture
def background_sync(exporter):
    shared = [make_album("family", 4)]
    sched = SyncScheduler(exporter, shared).start()
    yield sched
    sched.stop()
