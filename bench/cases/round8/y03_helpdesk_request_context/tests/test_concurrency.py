from conftest import serve_concurrently


def test_parallel_closes_of_different_tickets(app, store):
    serve_concurrently(app, [("tom", "close", "T-1"), ("maria", "close", "T-2"), ("tom", "close", "T-3")])
    assert [store.load(f"T-{n}")["status"] for n in (1, 2, 3)] == ["closed"] * 3


def test_concurrent_actions_are_audited_to_their_actor(app, audit):
    serve_concurrently(app, [
        ("maria", "assign", "T-4", {"assignee": "tom"}),
        ("tom", "close", "T-5"),
    ])
    actors = {e["ticket"]: e["actor"] for e in audit.entries}
    assert actors == {"T-4": "maria", "T-5": "tom"}
