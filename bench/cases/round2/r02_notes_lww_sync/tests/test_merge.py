from notesync import Note, merge_notes


def test_newer_timestamp_wins():
    a = Note("n", "t", "old", updated_at=100, updated_by="x")
    b = Note("n", "t", "new", updated_at=101, updated_by="a")
    assert merge_notes({"n": a}, {"n": b})["n"].body == "new"
    assert merge_notes({"n": b}, {"n": a})["n"].body == "new"


def test_tie_is_deterministic():
    a = Note("n", "t", "from-a", updated_at=100, updated_by="a")
    b = Note("n", "t", "from-b", updated_at=100, updated_by="b")
    assert merge_notes({"n": a}, {"n": b}) == merge_notes({"n": b}, {"n": a})


def test_remote_only_notes_are_added():
    a = Note("n1", "t", "x", updated_at=1, updated_by="a")
    assert set(merge_notes({}, {"n1": a})) == {"n1"}
