import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest


def _bump(name):
    d = os.environ.get("FLAKEBPF_TEST_COUNTER_DIR")
    if not d:
        return 0
    p = Path(d) / ("classify-" + name)
    n = int(p.read_text()) if p.exists() else 0
    p.write_text(str(n + 1))
    return n


@pytest.fixture
def bad_run(request):
    """True in every third run of the requesting test: the run where the
    nondeterministic condition is provoked (the failure itself is real)."""
    return _bump(request.node.name) % 3 == 2
