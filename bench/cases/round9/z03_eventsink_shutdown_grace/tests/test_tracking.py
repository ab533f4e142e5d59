import pytest


def test_purchase_requires_amount(tracker):
    with pytest.raises(ValueError):
        tracker.purchase("u1", "o1", 0)


def test_event_shape(tracker, writer):
    event_id = tracker.page_view("u1", "/home")
    assert len(event_id) == 32
    writer.close()


def test_write_after_close_rejected(writer):
    writer.close()
    with pytest.raises(RuntimeError):
        writer.write({"action": "late"})


def test_session_events_all_reach_warehouse(tracker, writer, sink):
    for i in range(12):
        tracker.page_view("u7", f"/catalog?page={i}")
    tracker.purchase("u7", "o-991", 4599)
    shipped = writer.close()
    assert shipped == 13
    assert [row["action"] for row in sink.rows][-1] == "purchase"
