import time

from windows import current_bucket


def _align(late):
    # start near the end of a second in the provoked runs, near its start otherwise
    target = 0.8 if late else 0.05
    time.sleep((target - time.time() % 1.0) % 1.0)


def test_bucket_is_an_int():
    assert isinstance(current_bucket(), int)


def test_two_reads_share_a_bucket(bad_run):
    _align(bad_run)
    first = current_bucket()
    time.sleep(0.3)
    assert current_bucket() == first
