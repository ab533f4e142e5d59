from discovery import parse_instances


def test_unhealthy_rows_are_skipped():
    rows = [{"node": "a:1", "check": "critical"}, {"node": "b:2"}]
    assert [i.endpoint for i in parse_instances("svc", rows)] == ["b:2"]


def test_heaviest_first_then_endpoint():
    rows = [{"node": "c:1"}, {"node": "b:1", "weight": 5}, {"node": "a:1"}]
    assert [i.endpoint for i in parse_instances("svc", rows)] == ["b:1", "a:1", "c:1"]


def test_default_port():
    assert parse_instances("svc", [{"node": "host"}])[0].port == 80
