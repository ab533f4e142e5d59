import pytest

from renderd import WorkerError


def test_call_before_start_fails(supervisor):
    with pytest.raises(WorkerError):
        supervisor.call("pid")


def test_first_request_after_start(supervisor):
    supervisor.start()
    assert supervisor.call("pid") == supervisor.proc.pid


def test_stop_terminates_process(supervisor):
    supervisor.start()
    from conftest import wait_accepting

    wait_accepting(supervisor)
    proc = supervisor.proc
    supervisor.stop()
    assert proc.poll() is not None
