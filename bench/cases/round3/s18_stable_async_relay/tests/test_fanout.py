import asyncio
import sys

from relay import Fanout


async def test_every_item_handled_once():
    async def double(x):
        await asyncio.sleep(0)
        return x * 2

    result = await Fanout(double, workers=4).run(range(30))
    assert result == [x * 2 for x in range(30)]


async def test_results_sorted_despite_jitter():
    async def ident(x):
        return x

    assert await Fanout(ident, workers=3, jitter=0.02).run([5, 1, 4, 2, 3]) == [1, 2, 3, 4, 5]


async def test_subprocess_handler():
    async def run_child(x):
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-c", "import sys; print(int(sys.argv[1]) ** 2)", str(x),
            stdout=asyncio.subprocess.PIPE)
        out, _ = await asyncio.wait_for(proc.communicate(), 10)
        return int(out)

    assert await Fanout(run_child, workers=2).run([1, 2, 3]) == [1, 4, 9]
