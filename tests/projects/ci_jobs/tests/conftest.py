import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

# A CI job whose start-up (installs, collection) takes a while: while the
# file CI_JOBS_GATE names does not exist yet, pytest waits (at most 60 s),
# so `flakebpf record --pid` can attach to it before the tests run.
_gate = os.environ.get("CI_JOBS_GATE")
_t0 = time.monotonic()
while _gate and not os.path.exists(_gate) and time.monotonic() - _t0 < 60:
    time.sleep(0.05)
