import threading

from journal import JournalWriter, PeriodicFlusher, archive_day, read_archive

from conftest import read_all


def test_rotation_by_line_count(writer):
    for n in range(120):
        writer.append("press-1", "cycle %d" % n)
    writer.flush()
    assert writer.segments() == ["segment-0000.log", "segment-0001.log", "segment-0002.log"]
    assert len(read_all(writer)) == 120


def test_concurrent_stations_lose_nothing(writer):
    barrier = threading.Barrier(6)

    def station(n):
        barrier.wait()
        for i in range(40):
            writer.append("station-%d" % n, "part %03d ok" % i)

    threads = [threading.Thread(target=station, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    writer.flush()
    lines = read_all(writer)
    assert len(lines) == writer.written == 240
    for n in range(6):
        mine = [l.split()[-2] for l in lines if " station-%d " % n in l]
        assert mine == ["%03d" % i for i in range(40)]


def test_background_flusher_persists_everything(writer):
    flusher = PeriodicFlusher(writer).start()
    for i in range(30):
        writer.append("oven", "temp %d" % (180 + i))
    flusher.stop()
    assert len(read_all(writer)) == 30


def test_archive_is_published_atomically(writer, tmp_path):
    for i in range(75):
        writer.append("qa", "sample %d" % i)
    writer.flush()
    dest = tmp_path / "2026-12-07.log.gz"
    assert archive_day(writer.directory, str(dest)) == 2
    assert len(read_archive(str(dest))) == 75
    assert not list(tmp_path.glob("*.part"))
