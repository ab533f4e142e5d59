import json

from nightjob import JobLock, launch
from nightjob.fsutil import atomic_write_json, read_json
from nightjob.worker import EXIT_DONE, EXIT_SKIPPED, run

from conftest import read_runs


def test_atomic_write_roundtrip(tmp_path):
    atomic_write_json(tmp_path / "a.json", {"x": 1})
    assert read_json(tmp_path / "a.json") == {"x": 1}
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]


def test_read_json_default_on_garbage(tmp_path):
    (tmp_path / "b.json").write_text("{not json")
    assert read_json(tmp_path / "b.json", {}) == {}


def test_lock_records_holder(state_dir):
    with JobLock(str(state_dir / "job.lock")) as lock:
        assert lock.holder()["pid"] > 0


def test_second_run_same_day_is_skipped(state_dir):
    assert run(str(state_dir), "2026-03-01") == EXIT_DONE
    assert run(str(state_dir), "2026-03-01") == EXIT_SKIPPED
    assert len(read_runs(state_dir)) == 1


def test_next_day_runs_again(state_dir):
    run(str(state_dir), "2026-03-01")
    run(str(state_dir), "2026-03-02")
    assert json.loads((state_dir / "state.json").read_text())["last_day"] == "2026-03-02"


def test_cluster_compacts_once_per_day(state_dir):
    codes = launch(state_dir, "2026-03-03", hosts=2)
    assert EXIT_DONE in codes
    assert len(read_runs(state_dir)) == 1, read_runs(state_dir)
