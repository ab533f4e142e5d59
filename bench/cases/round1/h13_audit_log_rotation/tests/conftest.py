import os
import time
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from auditlog import AuditLog, make_event


@pytest.fixture
def dev_log():
    """The log as the dev server configures it."""
    return AuditLog()


@pytest.fixture
def session_id():
    return "sess-%d-%d" % (os.getpid(), time.time_ns())


@pytest.fixture
def record_checkout():
    def _record(log, session, items):
        for i in range(items):
            log.append(make_event(session, "user-7", "cart.add",
                                  "sku=%05d;qty=1;note=%s" % (i, "x" * 480)))
        log.append(make_event(session, "user-7", "checkout", "items=%d" % items))
    return _record
