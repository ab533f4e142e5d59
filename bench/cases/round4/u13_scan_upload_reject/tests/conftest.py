import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from scanarchive.client import ScannerClient  # noqa: E402
from scanarchive.server import ArchiveServer, TokenStore  # noqa: E402


@pytest.fixture
def server():
    srv = ArchiveServer(TokenStore({"tok-lobby": "lobby-scanner"})).start()
    yield srv
    srv.stop()


@pytest.fixture
def client(server):
    return ScannerClient(server.port, "tok-lobby")


@pytest.fixture
def make_pdf(tmp_path):
    def make(name, size):
        path = tmp_path / name
        path.write_bytes(b"%PDF-1.7\n" + b"\x00" * (size - 9))
        return path

    return make
