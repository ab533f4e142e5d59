from counter import next_count


def test_before():
    assert True


def test_every_third_run_fails():
    # runs 1, 4, 7, 10, ... fail: exactly ceil(N/3) failures in N runs
    n = next_count("run_counter_flaky")
    assert n % 3 != 1, "run %d" % n


def test_after():
    assert True
