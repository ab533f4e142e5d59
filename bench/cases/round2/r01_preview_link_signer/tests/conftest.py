import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import time

import pytest

from linksign import LinkSigner, PreviewService


class SlowTranscoder:
    """Stands in for the thumbnailer, which takes a noticeable moment."""

    def __init__(self, delay=0.45):
        self.delay = delay
        self.calls = []

    def __call__(self, data, size):
        self.calls.append(size)
        time.sleep(self.delay)
        return data[:8] + f"<{size}>".encode()


@pytest.fixture
def transcoder():
    return SlowTranscoder()


@pytest.fixture
def signer():
    return LinkSigner(b"s3cr3t-key-for-tests")


@pytest.fixture
def service(signer, transcoder):
    svc = PreviewService(signer, transcoder)
    svc.upload("a1", "alice", b"JPEGDATA-alice-holiday")
    svc.upload("b7", "bob", b"PNGDATA-bob-avatar")
    return svc
