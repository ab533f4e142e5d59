import threading
import uuid

from rota import SystemClock


def test_roundtrip(store, rota, clock):
    store.save("sre", rota, clock.now())
    data = store.load("sre")
    assert data["generated_at"] == "2026-12-07T09:00:00+00:00"
    assert len(data["shifts"]) == 8


def test_parallel_saves_never_leave_partial_files(store, rota):
    clock = SystemClock()
    teams = ["team-%s" % uuid.uuid4().hex[:8] for _ in range(4)]
    done = threading.Event()
    errors = []

    def writer(team):
        try:
            for _ in range(20):
                store.save(team, rota, clock.now())
        except Exception as exc:
            errors.append(exc)

    def reader():
        while not done.is_set():
            for team in teams:
                try:
                    data = store.load(team)
                except FileNotFoundError:
                    continue
                assert len(data["shifts"]) == 8

    r = threading.Thread(target=reader)
    r.start()
    ws = [threading.Thread(target=writer, args=(t,)) for t in teams]
    for w in ws:
        w.start()
    for w in ws:
        w.join(timeout=10)
    done.set()
    r.join(timeout=10)
    assert errors == []
    assert sorted(p.split(".")[0] for p in __import__("os").listdir(store.directory)) == sorted(teams)
