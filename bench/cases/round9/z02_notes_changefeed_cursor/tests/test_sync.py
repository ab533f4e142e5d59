from notesync.merge import diverged, summarize


def test_first_pull_gets_everything(laptop, phone):
    laptop.edit("n1", "Groceries\nmilk")
    laptop.edit("n2", "Ideas\n")
    assert sorted(phone.pull()) == ["n1", "n2"]
    assert summarize(phone) == [("Groceries", "n1"), ("Ideas", "n2")]


def test_conflicting_edit_is_rebased(laptop, phone):
    laptop.edit("n1", "v1")
    version = phone.edit("n1", "from phone")
    assert version == 2


def test_edit_on_other_device_reaches_phone(laptop, phone):
    laptop.edit("n1", "Trip\npassport")
    phone.pull()
    laptop.pull()
    laptop.edit("n1", "Trip\npassport\ncharger")
    phone.pull()
    assert diverged(laptop, phone) == []


def test_summarize_untitled(laptop):
    laptop.notes["x"] = "   "
    assert summarize(laptop) == [("(untitled)", "x")]
