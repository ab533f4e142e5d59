import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from logtail import AlertScanner, Follower, RotatingLog


@pytest.fixture
def log_path(tmp_path):
    path = tmp_path / "app.log"
    path.write_text("boot ok\n")
    return path


@pytest.fixture
def app_log(log_path):
    log = RotatingLog(log_path, max_bytes=400)
    yield log
    log.close()


@pytest.fixture
def follower(log_path):
    f = Follower(log_path).start()
    yield f
    f.stop()


@pytest.fixture
def scanner(follower):
    return AlertScanner(follower)


def serve_requests(log, lines, gap=(0.004, 0.02)):
    """Write request log lines with the irregular spacing of live traffic."""
    for line in lines:
        log.write(line)
        time.sleep(random.uniform(*gap))
