import asyncio


async def type_text(box, text, delay=0.003):
    """Feed the box one keystroke at a time, like a fast typist."""
    for i in range(1, len(text) + 1):
        box.on_input(text[:i])
        await asyncio.sleep(delay)


async def backspace(box, count, delay=0.003):
    for _ in range(count):
        box.on_input(box.text[:-1])
        await asyncio.sleep(delay)
