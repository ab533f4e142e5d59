import os
import tempfile


def next_count(name):
    """Count the runs of this suite: the Nth call (over runs) returns N.

    The file is named by FLAKEBPF_TEST_COUNTER_DIR (set by the test that
    drives the runs), so the failing runs are known exactly in advance."""
    d = os.environ.get("FLAKEBPF_TEST_COUNTER_DIR") or tempfile.gettempdir()
    path = os.path.join(d, name + ".count")
    try:
        with open(path) as f:
            n = int(f.read().strip() or 0)
    except FileNotFoundError:
        n = 0
    n += 1
    with open(path, "w") as f:
        f.write(str(n))
    return n

