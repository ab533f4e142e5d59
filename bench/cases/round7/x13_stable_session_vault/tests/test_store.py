import re
import threading

from sessionvault import SessionStore, SystemClock


def test_session_ids_are_opaque_hex(store):
    sids = {store.create("ana") for _ in range(50)}
    assert len(sids) == 50
    assert all(re.fullmatch(r"[0-9a-f]{32}", s) for s in sids)


def test_ttl_uses_injected_clock(store, clock):
    sid = store.create("ana", cart=3)
    clock.advance(59)
    assert store.get(sid) == {"user": "ana", "cart": 3}
    clock.advance(61)
    assert store.get(sid) is None


def test_concurrent_updates_are_all_kept(store):
    sid = store.create("ana")

    def writer(n):
        for i in range(200):
            store.update(sid, **{"k%d_%d" % (n, i): i})

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(store.get(sid)) == 1 + 800


def test_save_and_load_roundtrip(tmp_path, clock):
    a = SessionStore(tmp_path, clock)
    sid = a.create("bo", theme="dark")
    a.save()
    b = SessionStore(tmp_path, clock)
    assert b.load() == 1
    assert b.get(sid) == {"user": "bo", "theme": "dark"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sessions.json"]


def test_concurrent_saves_leave_one_valid_file(tmp_path):
    store = SessionStore(tmp_path, SystemClock())
    for n in range(20):
        store.create("u%d" % n)
    threads = [threading.Thread(target=store.save) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    fresh = SessionStore(tmp_path, SystemClock())
    assert fresh.load() == 20
