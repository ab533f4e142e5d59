import asyncio

import pytest
import pytest_asyncio


@pytest_asyncio.fixture
async def queue():
    q = asyncio.Queue()
    yield q
    assert q.empty()


@pytest.mark.asyncio
async def test_gather(queue):
    async def put(i):
        await asyncio.sleep(0.001 * i)
        await queue.put(i)

    await asyncio.gather(*(put(i) for i in range(3)))
    got = [queue.get_nowait() for _ in range(3)]
    assert sorted(got) == [0, 1, 2]


@pytest.mark.asyncio
async def test_sleep():
    await asyncio.sleep(0.01)
