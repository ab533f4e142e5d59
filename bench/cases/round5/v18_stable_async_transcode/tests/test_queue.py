import asyncio
import os

from transcoder.jobs import Job
from transcoder.queue import TranscodeQueue


async def test_all_jobs_complete(sources, outbox):
    async with TranscodeQueue(outbox) as q:
        jobs = [q.submit(s, "h264") for s in sources]
        await q.drain()
    assert [j.state for j in jobs] == ["done"] * 3
    assert sorted(os.listdir(outbox)) == sorted(f"{j.id}.h264" for j in jobs)


async def test_report_keeps_submission_order(sources, outbox):
    async with TranscodeQueue(outbox, workers=3, max_jitter=0.05) as q:
        jobs = [q.submit(s, p) for s in sources for p in ("h264", "vp9")]
        await q.drain()
    assert [r["id"] for r in q.report()] == [j.id for j in jobs]


async def test_missing_source_fails_only_that_job(sources, outbox):
    async with TranscodeQueue(outbox) as q:
        good = q.submit(sources[0], "h264")
        bad = q.submit(str(outbox / "nope.raw"), "h264")
        await q.drain()
    assert (good.state, bad.state) == ("done", "failed")
    assert "No such file" in bad.error


async def test_output_content(sources, outbox):
    async with TranscodeQueue(outbox, workers=1) as q:
        job = q.submit(sources[0], "av1")
    assert open(job.output, encoding="latin-1").read() == "av1:olleh"


async def test_concurrent_submitters(sources, outbox):
    async with TranscodeQueue(outbox, workers=4) as q:
        async def submitter(preset):
            await asyncio.sleep(0)
            return [q.submit(s, preset) for s in sources]
        batches = await asyncio.gather(*(submitter(p) for p in ("h264", "vp9", "av1")))
        await asyncio.wait_for(q.drain(), timeout=10)
    assert sum(len(b) for b in batches) == 9
    assert len([n for n in os.listdir(outbox) if not n.startswith(".")]) == 9


def test_job_ids_are_unique():
    assert len({Job("a", "b").id for _ in range(500)}) == 500
