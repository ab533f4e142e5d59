import pytest

from reporting import PoolTimeout


def test_open_orders_per_region(repo):
    assert repo.open_order_count("eu") == 4
    assert repo.open_order_count() == 12


def test_revenue(repo):
    assert repo.revenue_cents("apac") == 16 * 1999 + 250 * sum((3 * k + 2) % 7 for k in range(16))


def test_connections_return_to_pool(repo, pool):
    list(repo.iter_orders("us"))
    repo.open_order_count()
    assert pool.available() == 2


def test_pool_timeout_when_exhausted(pool):
    with pool.connection(), pool.connection():
        with pytest.raises(PoolTimeout):
            with pool.connection():
                pass
