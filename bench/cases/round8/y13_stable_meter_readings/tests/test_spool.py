import threading

from gridmeter.spool import read_batches, write_batch


def test_parallel_batch_writes(tmp_path, buffer):
    for i in range(30):
        buffer.record(f"M{i % 3}", float(i))
    readings = buffer.drain()
    chunks = [readings[i::3] for i in range(3)]
    threads = [threading.Thread(target=write_batch, args=(tmp_path, f"batch-{i}", c))
               for i, c in enumerate(chunks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    back = read_batches(tmp_path)
    assert len(back) == 30
    assert not list(tmp_path.glob("*.part"))


def test_overwrite_same_batch_name(tmp_path, buffer):
    buffer.record("M1", 1.0)
    write_batch(tmp_path, "b", buffer.drain())
    buffer.record("M1", 2.0)
    write_batch(tmp_path, "b", buffer.drain())
    assert [r["kwh"] for r in read_batches(tmp_path)] == [2.0]
