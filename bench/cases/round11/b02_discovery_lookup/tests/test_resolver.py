import pytest

from discovery import LookupFailed


def test_round_robin_over_healthy_instances(resolver):
    got = [resolver.endpoint("checkout") for _ in range(4)]
    assert got == ["10.0.0.11:8443", "10.0.0.12:8443"] * 2


def test_tag_filter(resolver):
    assert resolver.endpoint("checkout", tag="v1") == "10.0.0.12:8443"


def test_results_are_cached(resolver, catalog):
    resolver.instances("search")
    resolver.instances("search")
    assert catalog.queries == 1


def test_unknown_service_fails(resolver):
    with pytest.raises(LookupFailed):
        resolver.instances("billing")


def test_ledger_endpoints_resolve(resolver):
    endpoints = {resolver.endpoint("ledger") for _ in range(2)}
    assert endpoints == {"10.0.2.2:7000", "10.0.2.3:7000"}
