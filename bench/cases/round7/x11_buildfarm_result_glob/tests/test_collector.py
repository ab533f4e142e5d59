import json

import pytest

from buildfarm import launch_worker
from buildfarm.worker_main import run_job


def test_snapshot_reads_existing_results(results_dir, collector):
    (results_dir / "lint.json").write_text(json.dumps({"job": "lint", "status": "passed"}))
    assert collector.snapshot() == {"lint": {"job": "lint", "status": "passed"}}


def test_summary_lists_failures(collector):
    results = {"a": {"status": "passed"}, "b": {"status": "failed"}}
    assert collector.summary(results) == {"total": 2, "failed": ["b"]}


def test_wait_times_out(collector):
    with pytest.raises(TimeoutError):
        collector.wait_for(1, timeout=0.05)


def test_run_job_is_deterministic():
    assert run_job("unit")["artifact"] == run_job("unit")["artifact"]


def test_collects_results_while_worker_runs(results_dir, collector):
    jobs = ["lint", "unit", "integration", "docs", "wheel", "sdist"]
    proc = launch_worker(results_dir, jobs)
    try:
        results = collector.wait_for(len(jobs))
    finally:
        proc.wait(5)
    assert sorted(results) == sorted(jobs)
    assert collector.summary(results) == {"total": 6, "failed": []}
