from jobs import Runner


def test_runner_starts():
    assert Runner().done == []


def test_job_finishes_in_time(bad_run):
    assert Runner().run_and_check(0.09 if bad_run else 0.01)
