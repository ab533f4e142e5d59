import pytest

from fakes import FakeGeocoder
from geocode.pool import ConnectionPool, PoolExhausted


def test_acquire_release_cycle():
    pool = ConnectionPool(FakeGeocoder(), size=2)
    a = pool.acquire()
    b = pool.acquire()
    assert pool.idle == 0 and a is not b
    pool.release(a)
    assert pool.acquire() is a


def test_exhausted_pool_raises():
    pool = ConnectionPool(FakeGeocoder(), size=1)
    pool.acquire()
    with pytest.raises(PoolExhausted):
        pool.acquire(timeout=0.01)
