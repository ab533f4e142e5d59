import os
import random
import threading
from datetime import datetime, timedelta, timezone

from shiftlog import DigestWorker


def test_concurrent_authors_lose_nothing(store):
    barrier = threading.Barrier(6)

    def write(author):
        barrier.wait()
        for i in range(20):
            store.add(author, f"{author} check {i}", urgent=(i % 7 == 0))

    threads = [threading.Thread(target=write, args=(f"nurse{n}",)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    notes = store.all()
    assert len(notes) == 120
    assert [n.seq for n in notes] == list(range(1, 121))
    assert not [f for f in os.listdir(store.root) if f.endswith(".part")]


def test_created_time_is_between_reads(store):
    before = datetime.now(timezone.utc)
    note = store.add("ana", "bed 4 stable")
    after = datetime.now(timezone.utc)
    assert before <= datetime.fromisoformat(note.created) <= after


def test_spot_check_sample_is_subset(store):
    for i in range(30):
        store.add("ben", f"round {i}")
    notes = store.all()
    sample = random.sample(notes, 5)
    assert len({n.note_id for n in sample}) == 5
    assert {n.note_id for n in sample} <= {n.note_id for n in notes}


def test_fixed_clock_stamps(fixed_store, fixed_clock):
    first = fixed_store.add("cy", "handover")
    fixed_clock.advance(timedelta(minutes=5))
    second = fixed_store.add("cy", "meds done")
    assert datetime.fromisoformat(second.created) - datetime.fromisoformat(first.created) == timedelta(minutes=5)


def test_digest_eventually_sees_urgent_note(store):
    worker = DigestWorker(store)
    worker.start()
    try:
        store.add("dee", "call pharmacy", urgent=True)
        digest = worker.wait_for(lambda d: d["urgent"] == ["call pharmacy"])
        assert digest["authors"] == ["dee"]
    finally:
        worker.stop()
