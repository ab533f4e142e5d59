import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest


@pytest.fixture
def bad_execution(request):
    """True in every third execution of the requesting test, counted over
    all its executions (pytest-repeat's copies and the runs alike), so the
    number of failures is known exactly. The failure itself is real."""
    d = os.environ.get("FLAKEBPF_TEST_COUNTER_DIR")
    if not d:
        return False
    p = Path(d) / ("repeat-" + request.node.originalname)
    n = int(p.read_text()) if p.exists() else 0
    p.write_text(str(n + 1))
    return n % 3 == 2
