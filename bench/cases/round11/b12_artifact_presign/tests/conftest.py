import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from artifacts import ObjectStore, Uploader, UrlSigner

TEST_SETTINGS = {
    "secret": b"ci-test-secret",
    # short-lived URLs keep the suite honest about expiry handling
    "presign_ttl": 0.15,
}


class ScannerStub:
    """The sandboxed AV scanner: verdict time depends on the archive contents."""

    def __init__(self):
        self.scanned = 0

    def scan(self, data):
        time.sleep(random.uniform(0.02, 0.20))
        self.scanned += 1
        return "infected" if b"EICAR" in data else "clean"


@pytest.fixture
def signer():
    return UrlSigner(TEST_SETTINGS["secret"], ttl=TEST_SETTINGS["presign_ttl"])


@pytest.fixture
def store(signer):
    return ObjectStore(signer)


@pytest.fixture
def uploader(store, signer):
    return Uploader(store, signer, ScannerStub())
