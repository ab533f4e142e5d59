import pytest

from helpdesk.handlers import Forbidden


def test_assign_sets_assignee(app, store):
    app.dispatch("maria", "assign", "T-1", assignee="tom")
    assert store.load("T-1")["assignee"] == "tom"


def test_guest_cannot_close(app):
    with pytest.raises(Forbidden):
        app.dispatch("guest", "close", "T-2")


def test_audit_names_the_actor(app, audit):
    app.dispatch("tom", "close", "T-3")
    (entry,) = audit.for_ticket("T-3")
    assert entry["actor"] == "tom"
    assert entry["action"] == "close"
