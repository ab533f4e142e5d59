from datetime import datetime, timedelta

import pytest

from slotbook import Slot, SlotPlanner, SlotTaken, SlotTooSoon


def test_align_rounds_down_to_quarter_hour():
    p = SlotPlanner()
    assert p.align(datetime(2024, 5, 1, 10, 7, 30)) == datetime(2024, 5, 1, 10, 0)
    assert p.align(datetime(2024, 5, 1, 10, 15)) == datetime(2024, 5, 1, 10, 15)


def test_slots_overlap():
    a = Slot(datetime(2024, 5, 1, 9, 0), timedelta(minutes=15))
    b = Slot(datetime(2024, 5, 1, 9, 10), timedelta(minutes=15))
    c = Slot(datetime(2024, 5, 1, 9, 15), timedelta(minutes=15))
    assert a.overlaps(b) and not a.overlaps(c)
    assert a.label() == "09:00:00-09:15:00"


def test_upcoming_slots_are_contiguous(planner):
    slots = planner.upcoming(4)
    assert all(s2.start == s1.end for s1, s2 in zip(slots, slots[1:]))


def test_double_booking_rejected(desk, planner):
    later = planner.upcoming(6)[5]
    desk.book("Ana", later)
    with pytest.raises(SlotTaken):
        desk.book("Ben", later)


def test_walk_in_gets_next_free_slot(desk):
    booking = desk.book_next_free("Carla")
    assert booking.reference.startswith("carla@")
    assert desk.schedule() == [booking]


def test_past_slot_is_refused(desk, planner):
    past = Slot(planner.align(datetime.now()) - planner.length, planner.length)
    with pytest.raises(SlotTooSoon):
        desk.book("Dan", past)


def test_cancel_frees_slot(desk, planner):
    slot = planner.upcoming(5)[4]
    booking = desk.book("Eve", slot)
    desk.cancel(booking)
    assert desk.schedule() == []
    assert desk.book("Finn", slot).customer == "Finn"
