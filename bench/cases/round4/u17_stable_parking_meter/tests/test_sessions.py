import asyncio
import re
import threading
from datetime import timedelta
from decimal import Decimal

from parkmeter.reminders import ReminderService
from parkmeter.sessions import new_ticket_code


def test_ticket_codes_look_right():
    for _ in range(200):
        assert re.fullmatch(r"[A-Z0-9]{8}", new_ticket_code())


def test_session_expires_with_clock(book, clock):
    book.start("B-XY 123", 30)
    assert len(book.active("B-XY 123")) == 1
    clock.now += timedelta(minutes=31)
    assert book.active("B-XY 123") == []


def test_concurrent_payments_are_all_booked(book):
    barrier = threading.Barrier(8)

    def pay(i):
        barrier.wait()
        for _ in range(25):
            book.start(f"M-{i:03d}", 15)

    threads = [threading.Thread(target=pay, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert book.count() == 200
    assert book.revenue == Decimal("0.60") * 200


async def test_reminders_fire_in_any_order():
    sent = []

    async def notifier(code):
        await asyncio.sleep(0)
        sent.append(code)

    service = ReminderService(notifier, lead_seconds=1.0)
    for code, left in [("A", 1.02), ("B", 1.0), ("C", 1.01)]:
        service.schedule(code, left)
    await service.drain(timeout=5)
    assert sorted(sent) == ["A", "B", "C"]
