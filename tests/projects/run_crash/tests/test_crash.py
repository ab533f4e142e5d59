import os

from counter import next_count


def test_a_first():
    assert True


def test_b_crashes_on_even_runs():
    n = next_count("run_crash")
    if n % 2 == 0:
        os._exit(3)


def test_c_after_crash():
    # never runs in a crashed run: it is missing there, not failed
    assert True
