import pytest

from mqclient import parse_broker_url


def test_defaults():
    url = parse_broker_url("amqp://mq.internal")
    assert (url.host, url.port, url.vhost, url.user) == ("mq.internal", 5672, "/", "guest")


def test_tls_and_escaped_vhost():
    url = parse_broker_url("amqps://svc:p%40ss@mq.internal/orders%2Fprod?heartbeat=15")
    assert url.tls and url.port == 5671
    assert url.vhost == "orders/prod"
    assert url.password == "p@ss"
    assert url.heartbeat == 15


def test_rejects_http():
    with pytest.raises(ValueError):
        parse_broker_url("http://mq.internal")
