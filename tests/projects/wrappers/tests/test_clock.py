import os
import subprocess
import sys
import time


def read_wall_clock():
    return time.time()  # @wall


def test_reads_the_clock():
    assert read_wall_clock() > 0


def test_other_interpreter():
    """Runs child.py under another CPython version (FLAKEBPF_OTHER_PYTHON,
    chosen by the e2e test): its clock read must show with its own lines."""
    other = os.environ["FLAKEBPF_OTHER_PYTHON"]
    child = os.path.join(os.path.dirname(__file__), "child.py")
    out = subprocess.run([other, child], check=True, capture_output=True, text=True).stdout
    assert out.split()[0] != "%d.%d" % sys.version_info[:2], out
