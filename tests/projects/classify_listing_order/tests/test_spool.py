import os
import shutil
import tempfile

import pytest

from spool import Spool


@pytest.fixture
def spool_dir():
    # a tmpfs lists a directory in the order its files were created
    d = tempfile.mkdtemp(dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    yield d
    shutil.rmtree(d, ignore_errors=True)


def test_replay_of_nothing(spool_dir):
    assert Spool(spool_dir).replay({}) == {}


def test_replay_keeps_the_newest_state(spool_dir, bad_run):
    spool = Spool(spool_dir)
    # the device came back online and flushed its changes out of order
    for seq in ([3, 1, 2] if bad_run else [1, 2, 3]):
        spool.put(seq, {"mode": "v%d" % seq})
    assert spool.replay({})["mode"] == "v3"
