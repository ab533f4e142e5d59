import pytest

from orderdesk import ConnectionPool, PoolExhausted


def test_connection_is_returned(db):
    pool = ConnectionPool(db.connect, size=1)
    with pool.connection():
        assert pool.idle_count() == 0
    assert pool.idle_count() == 1


def test_exhausted_pool_times_out(db):
    pool = ConnectionPool(db.connect, size=1, acquire_timeout=0.01)
    pool.acquire()
    with pytest.raises(PoolExhausted):
        pool.acquire()
