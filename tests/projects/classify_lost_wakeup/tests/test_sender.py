import asyncio

from chatbox import Link, Sender


async def conversation(gap):
    box = Sender(Link())
    box.start()
    box.send("hi")
    await asyncio.sleep(gap)
    box.send("are you there?")
    try:
        await box.drained(2, timeout=0.2)
    finally:
        await box.close()
    return box.link.frames


def test_one_message():
    async def one():
        box = Sender(Link())
        box.start()
        box.send("hi")
        await box.drained(1, timeout=0.2)
        await box.close()
        return box.link.frames
    assert asyncio.run(one()) == [["hi"]]


def test_reply_while_sending(bad_run):
    # the second message comes while the first is still going out
    frames = asyncio.run(conversation(0.002 if bad_run else 0.03))
    assert sum(len(f) for f in frames) == 2
