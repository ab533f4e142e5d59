import time

from sessionvault import Janitor


def test_janitor_expires_idle_sessions(store, clock, janitor):
    live = store.create("ana")
    idle = store.create("bo")
    clock.advance(40)
    store.get(live)
    clock.advance(30)
    deadline = time.monotonic() + 3
    while len(store) > 1 and time.monotonic() < deadline:
        time.sleep(0.005)
    assert store.get(live) is not None
    assert store.get(idle) is None


def test_janitor_keeps_fresh_sessions(store, janitor):
    sids = [store.create("u%d" % n) for n in range(10)]
    deadline = time.monotonic() + 3
    while janitor.sweeps < 3 and time.monotonic() < deadline:
        time.sleep(0.005)
    assert janitor.sweeps >= 3
    assert all(store.get(s) is not None for s in sids)


def test_janitor_stops_promptly(store):
    j = Janitor(store, interval=0.02).start()
    t0 = time.monotonic()
    j.stop()
    assert time.monotonic() - t0 < 1.0
