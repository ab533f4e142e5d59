def test_quick_job_completes(worker, coordinator):
    coordinator.submit("job-1", {"kind": "thumbnail", "name": "cat"})
    assert worker.run_one() == ("job-1", "cat.jpg")
    assert coordinator.done == {"job-1": "cat.jpg"}


def test_idle_worker_returns_none(worker):
    assert worker.run_one() is None


def test_long_transcode_keeps_its_lease(worker, coordinator):
    coordinator.submit("job-7", {"kind": "transcode", "name": "talk", "seconds": 0.3})
    assert worker.run_one() == ("job-7", "talk.webm")
    assert worker.failures == []
