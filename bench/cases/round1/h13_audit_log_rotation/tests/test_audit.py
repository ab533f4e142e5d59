import pytest

from auditlog import AuditLog, Event, make_event


def test_event_roundtrip():
    e = make_event("s1", "bob", "login", "ip=10.0.0.1")
    assert Event.from_line(e.to_line()) == e


def test_action_must_be_token():
    with pytest.raises(ValueError):
        make_event("s1", "bob", "log in")


def test_rotation_keeps_bounded_generations(tmp_path):
    log = AuditLog(tmp_path, max_bytes=300, backups=2)
    for i in range(20):
        log.append(make_event("s", "a", "tick", str(i)))
    assert log.generations() == ["audit.log", "audit.log.1", "audit.log.2"]


def test_filter_by_session(tmp_path):
    log = AuditLog(tmp_path)
    log.append(make_event("a", "x", "login"))
    log.append(make_event("b", "y", "login"))
    assert [e.actor for e in log.events("b")] == ["y"]


def test_checkout_trail_is_complete(dev_log, session_id, record_checkout):
    record_checkout(dev_log, session_id, items=35)
    trail = dev_log.events(session_id)
    assert [e.action for e in trail] == ["cart.add"] * 35 + ["checkout"]
