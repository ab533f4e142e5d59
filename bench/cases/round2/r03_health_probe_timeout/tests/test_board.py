from conftest import FakeDependency


async def test_empty_board_is_unknown(board):
    assert board.status() == "unknown"


async def test_all_dependencies_healthy(board, postgres, redis):
    board.register("db", "database", postgres.ping)
    board.register("cache", "cache", redis.ping)
    await board.refresh()
    assert board.summary() == {"cache": "ok", "db": "ok"}
    assert board.status() == "up"


async def test_cache_outage_only_degrades(board, redis):
    board.register("cache", "cache", FakeDependency("redis", fail=True).ping)
    board.register("queue", "queue", redis.ping)
    await board.refresh()
    assert board.status() == "degraded"


async def test_queue_outage_is_down(board):
    board.register("queue", "queue", FakeDependency("rabbit", fail=True).ping)
    await board.refresh()
    assert board.status() == "down"
