import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from promlite import MetricsEndpoint
from promlite.collectors import RequestCounter, process_collector


@pytest.fixture
def endpoints():
    started = {}
    for service in ("checkout", "search"):
        counter = RequestCounter(service)
        for i in range(40):
            counter.inc(f"/api/v1/{service}/{i % 7}", 200 if i % 9 else 500)
        started[service] = (MetricsEndpoint([counter.collect, process_collector]), counter)
    yield started
    for endpoint, _ in started.values():
        endpoint.close()
