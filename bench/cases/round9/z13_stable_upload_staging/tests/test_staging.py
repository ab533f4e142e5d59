import random
import threading
import time

from stagebox import StagingArea


def test_roundtrip_and_checksum(area):
    payload = random.randbytes(random.randint(1, 4096))
    upload_id = area.save("lee", payload)
    assert area.read(upload_id) == payload
    assert area.meta(upload_id)["size"] == len(payload)


def test_staged_at_uses_wall_clock(area):
    before = time.time()
    upload_id = area.save("lee", b"x")
    after = time.time()
    assert before <= area.meta(upload_id)["staged_at"] <= after


def test_parallel_uploads_all_indexed(area):
    gate = threading.Barrier(6)
    ids = []
    lock = threading.Lock()

    def uploader(n):
        gate.wait()
        for _ in range(5):
            upload_id = area.save(f"user{n}", random.randbytes(random.randint(10, 2000)))
            with lock:
                ids.append(upload_id)

    threads = [threading.Thread(target=uploader, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert sorted(ids) == area.ids()
    assert len(set(ids)) == 30
    leftovers = [p.name for p in area.root.iterdir() if p.name.startswith(".incoming-")]
    assert leftovers == []


def test_manifest_written_atomically(area, tmp_path):
    area.save("kim", b"hello")
    target = tmp_path / "manifest.json"
    area.export_manifest(target)
    assert target.read_text().startswith("{")


def test_fixed_clock_stamps(tmp_path, clock):
    area = StagingArea(tmp_path / "s2", clock=clock)
    upload_id = area.save("kim", b"a")
    assert area.meta(upload_id)["staged_at"] == clock()
