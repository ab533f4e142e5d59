import json
import os

from sandboxrun import collect_outputs
from sandboxrun.results import summarise

from conftest import run_batch


def test_job_output_written(workspace):
    out = workspace.run("j1", "6*7")
    with open(out) as f:
        assert json.load(f) == {"ok": True, "value": 42}


def test_errors_are_reported(workspace):
    workspace.run("bad", "1/0")
    assert collect_outputs(workspace.path)["bad"] == {"ok": False, "error": "ZeroDivisionError"}


def test_no_builtins_available(workspace):
    workspace.run("esc", "open('/etc/passwd')")
    assert collect_outputs(workspace.path)["esc"]["ok"] is False


def test_summary_counts(workspace):
    run_batch(workspace, ["1+1", "2**10", "x", "len"])
    assert summarise(collect_outputs(workspace.path)) == {"ok": 2, "failed": 2}


def test_close_removes_the_scratch_directory(workspace):
    run_batch(workspace, [f"{i}*{i}" for i in range(170)])
    path = workspace.path
    workspace.close()
    assert not os.path.exists(path)
