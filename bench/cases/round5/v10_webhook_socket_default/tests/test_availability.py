import socket

import pytest

from hookshot.delivery import Dispatcher
from hookshot.http import DeliveryError
from hookshot.settings import PROFILES


def _dead_url():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"http://127.0.0.1:{port}/hooks"


def test_sweeper_gives_up_on_dead_endpoint():
    dispatcher = Dispatcher.from_profile("fast-fail")
    with pytest.raises(DeliveryError):
        dispatcher.deliver(_dead_url(), "ping", {})
    assert len(dispatcher.log) == 1


def test_fast_fail_profile_makes_one_attempt():
    assert PROFILES["fast-fail"].max_attempts == 1
    assert PROFILES["fast-fail"].connect_timeout < PROFILES["default"].max_attempts


def test_default_profile_retries():
    assert Dispatcher.from_profile("default").settings.max_attempts == 3
