import json

from buildfarm.fsutil import atomic_write_json, read_json


def test_roundtrip(tmp_path):
    path = tmp_path / "r.json"
    atomic_write_json(str(path), {"b": 1, "a": [1, 2]})
    assert read_json(path) == {"a": [1, 2], "b": 1}


def test_replaces_existing(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"old": True}))
    atomic_write_json(str(path), {"new": True})
    assert read_json(path) == {"new": True}
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]
