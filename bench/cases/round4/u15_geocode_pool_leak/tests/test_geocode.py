import pytest

from conftest import STORES
from fakes import FakeGeocoder
from geocode.batch import geocode_all
from geocode.client import GeocodeClient, LookupFailed
from geocode.pool import ConnectionPool


def test_single_lookup(pool):
    client = GeocodeClient(pool, timeout=1.0)
    point = client.lookup("Bahnhofstrasse 1, Zürich")
    assert 47 <= point.lat <= 48 and 8 <= point.lon <= 9
    assert pool.idle == 3


def test_zero_results_is_reported(pool):
    with pytest.raises(LookupFailed, match="ZERO_RESULTS"):
        GeocodeClient(pool, timeout=1.0).lookup("Nowhere Lane 0")


def test_batch_reports_unknown_addresses(pool):
    results, failures = geocode_all(GeocodeClient(pool, timeout=1.0), ["Marktgasse 12, Bern", "nowhere 1"])
    assert list(results) == ["Marktgasse 12, Bern"]
    assert failures == {"nowhere 1": "ZERO_RESULTS"}


def test_store_locator_batch(client):
    results, failures = geocode_all(client, STORES)
    assert failures == {}
    assert len(results) == len(STORES)
