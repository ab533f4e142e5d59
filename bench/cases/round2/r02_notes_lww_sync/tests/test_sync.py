import time

from notesync import reconcile


def test_initial_sync_copies_everything(synced):
    laptop, phone = synced
    assert phone.visible() == ["n1", "n2"]


def test_delete_propagates(synced):
    laptop, phone = synced
    phone.delete("n2")
    reconcile(laptop, phone)
    assert laptop.visible() == ["n1"]


def test_later_edit_on_other_device_wins(synced):
    laptop, phone = synced
    phone.edit("n1", body="milk, eggs")
    time.sleep(0.6)  # the user picks up the laptop a little later
    laptop.edit("n1", body="milk, eggs, bread")
    reconcile(laptop, phone)
    assert phone.get("n1").body == "milk, eggs, bread"
    assert laptop.get("n1").body == "milk, eggs, bread"


def test_independent_notes_merge(synced):
    laptop, phone = synced
    laptop.edit("n1", title="Shopping")
    phone.edit("n2", body="write a sync engine")
    reconcile(laptop, phone)
    assert laptop.get("n2").body == "write a sync engine"
    assert phone.get("n1").title == "Shopping"
