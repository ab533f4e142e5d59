import pytest

from scanarchive.client import ArchiveError, ScannerClient


def test_small_scan_is_stored(client, server, make_pdf):
    assert client.upload(make_pdf("invoice-1.pdf", 20_000)) == "stored"
    owner, body = server.documents["invoice-1.pdf"]
    assert owner == "lobby-scanner" and len(body) == 20_000


def test_unknown_token_rejected(server, make_pdf):
    with pytest.raises(ArchiveError) as info:
        ScannerClient(server.port, "tok-stolen").upload(make_pdf("empty.pdf", 9))
    assert info.value.code == 401


def test_oversized_scan_gets_clear_error(client, server, make_pdf):
    with pytest.raises(ArchiveError) as info:
        client.upload(make_pdf("blueprint.pdf", 64 * 1024))
    assert info.value.code == 413
    assert "blueprint.pdf" not in server.documents
