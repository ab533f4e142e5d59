import os
import time

import pytest
from counter import next_count


@pytest.mark.parametrize("i", range(6))
def test_spread(i):
    time.sleep(0.01)
    assert os.environ.get("PYTEST_XDIST_WORKER", "").startswith("gw")


def test_even_runs_fail():
    n = next_count("run_xdist")
    assert n % 2 == 1, "run %d" % n
