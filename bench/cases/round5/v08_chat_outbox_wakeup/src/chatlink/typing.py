import asyncio
import random


async def type_messages(outbox, room, texts, pause=(0.0, 0.0)):
    """Simulates a user sending several lines with a pause between them."""
    seqs = []
    for text in texts:
        seqs.append(outbox.send(room, text))
        await asyncio.sleep(random.uniform(*pause))
    return seqs
