import time


def test_disabled_flag(client):
    assert client.is_enabled("legacy_export", "ana") is False


def test_unknown_flag_uses_default(client):
    assert client.is_enabled("nope", "ana", default=True) is True


def test_known_flags_listed(client):
    assert "new_checkout" in client.known_flags()
    assert client.version == 7


def test_staff_see_new_checkout_on_every_request(polled_client):
    seen = []
    for _ in range(40):
        seen.append(polled_client.is_enabled("new_checkout", "ana"))
        time.sleep(0.002)  # rest of the request handling
    assert all(seen), f"flag flickered off: {seen}"
