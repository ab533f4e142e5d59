import asyncio

from healthboard import Probe, run_probe


async def test_probe_reports_exception():
    async def boom():
        raise RuntimeError("nope")

    result = await run_probe(Probe("x", "cache", boom))
    assert not result.ok and "nope" in result.detail


async def test_probe_times_out_with_explicit_limit():
    async def hang():
        await asyncio.sleep(1)

    result = await run_probe(Probe("x", "cache", hang), timeout=0.01)
    assert result.detail == "timeout"


async def test_probe_passes_detail_through():
    async def fine():
        return {"ok": True, "detail": "v1.2"}

    result = await run_probe(Probe("x", "cache", fine))
    assert result.ok and result.detail == "v1.2"
