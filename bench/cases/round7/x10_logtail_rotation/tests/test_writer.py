from logtail import RotatingLog


def test_rotation_keeps_backups(tmp_path):
    log = RotatingLog(tmp_path / "svc.log", max_bytes=50, backups=2)
    for i in range(12):
        log.write("line %02d padding padding" % i)
    log.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["svc.log", "svc.log.1", "svc.log.2"]


def test_no_rotation_below_limit(tmp_path):
    log = RotatingLog(tmp_path / "svc.log", max_bytes=10_000)
    log.write("hello")
    log.close()
    assert log.rotations == 0
    assert (tmp_path / "svc.log").read_text() == "hello\n"
