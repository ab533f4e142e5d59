import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from blobfetch.remote import RemoteStore


@pytest.fixture
def store():
    s = RemoteStore()
    s.put("avatars/u42.png", os.urandom(20_000))
    s.put("backups/site-2026-12-06.tar", os.urandom(96 * 1024 * 2 + 40_000))
    return s
