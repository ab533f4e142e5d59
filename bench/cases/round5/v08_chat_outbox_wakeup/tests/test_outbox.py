import asyncio

import pytest

from chatlink.outbox import Outbox
from chatlink.typing import type_messages


async def test_single_message_is_delivered(outbox, transport):
    outbox.send("general", "hello")
    await outbox.wait_delivered(1, timeout=1)
    assert transport.received()[0]["text"] == "hello"


async def test_burst_is_coalesced_into_one_frame(outbox, transport):
    for i in range(5):
        outbox.send("general", f"line {i}")
    await outbox.wait_delivered(5, timeout=1)
    assert len(transport.frames) == 1


async def test_sequence_numbers_increase(outbox, transport):
    seqs = [outbox.send("dev", t) for t in ("a", "b", "c")]
    await outbox.wait_delivered(3, timeout=1)
    assert [m["seq"] for m in transport.received()] == seqs


async def test_messages_keep_their_room(outbox, transport):
    outbox.send("general", "lunch?")
    outbox.send("dev", "deploy done")
    await outbox.wait_delivered(2, timeout=1)
    assert [(m["room"], m["text"]) for m in transport.received()] == [
        ("general", "lunch?"),
        ("dev", "deploy done"),
    ]


async def test_conversation_on_mobile_link(mobile_transport):
    box = Outbox(mobile_transport).start()
    try:
        await type_messages(box, "support", ["hi", "my order is late", "order 1182"], pause=(0.0, 0.08))
        await box.wait_delivered(3, timeout=0.5)
    finally:
        await box.close()
    assert [m["text"] for m in mobile_transport.received()] == ["hi", "my order is late", "order 1182"]
