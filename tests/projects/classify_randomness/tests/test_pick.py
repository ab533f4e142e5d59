from slots import pick_slot


def test_slot_in_range():
    assert 0 <= pick_slot(8) < 8


def test_two_slots_differ():
    assert pick_slot(3) != pick_slot(3)
