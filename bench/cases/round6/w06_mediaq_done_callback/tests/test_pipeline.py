import pytest

from mediaq import Asset
from mediaq.encode import EncodeError, encode


def test_encode_has_digest_header():
    blob = encode(b"hello" * 10, "thumb")
    header, _, body = blob.partition(b"\n")
    assert len(header) == 12
    assert body


def test_encode_rejects_unknown_profile():
    with pytest.raises(EncodeError):
        encode(b"x", "hdr")


def test_new_asset_is_queued_first(pipeline, make_asset):
    asset = make_asset("a1")
    fut = pipeline.submit(asset)
    assert pipeline.catalog.status("a1") in {"queued", "ready"}
    fut.result(timeout=2)


def test_failed_encode_is_recorded(pipeline, tmp_path):
    empty = tmp_path / "empty.raw"
    empty.write_bytes(b"")
    fut = pipeline.submit(Asset("bad", str(empty)))
    with pytest.raises(EncodeError):
        fut.result(timeout=2)
    pipeline.close()
    assert pipeline.catalog.get("bad").error == "empty input"


def test_batch_all_ready_after_close(pipeline, make_asset):
    for i in range(4):
        pipeline.submit(make_asset(f"b{i}", profile="thumb"))
    pipeline.close()
    assert pipeline.catalog.ready() == ["b0", "b1", "b2", "b3"]


def test_upload_reports_encoded_size(pipeline, make_asset):
    asset = make_asset("hero", size=60_000, profile="archive")
    path = pipeline.submit(asset).result(timeout=2)
    assert path.endswith("hero.archive.bin")
    entry = pipeline.catalog.get("hero")
    assert entry.status == "ready"
    assert entry.path == path
    assert entry.size > 0
