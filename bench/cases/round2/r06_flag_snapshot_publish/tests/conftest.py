import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from flagship import FlagClient, Poller

SEGMENTS = {
    "staff": ["ana", "bo", "cy"],
    "beta": ["dee", "eli"],
    "press": ["fay"],
}


def flag_payload(version=7):
    flags = {f"exp_{i:02d}": {"enabled": True, "percent": 10 * i,
                              "allow_segments": ["beta"]} for i in range(8)}
    flags["new_checkout"] = {"enabled": True, "percent": 0,
                             "allow_segments": ["staff", "beta"], "deny": ["cy"]}
    flags["dark_mode"] = {"enabled": True}
    flags["legacy_export"] = {"enabled": False}
    return {"version": version, "flags": flags}


@pytest.fixture
def client():
    c = FlagClient(flag_payload, SEGMENTS)
    c.refresh()
    return c


@pytest.fixture
def polled_client(client):
    poller = Poller(client).start()
    yield client
    poller.stop()
