from audit import quiet, record


def test_record_takes_fields():
    record("import", rows=3)


def test_record_without_fields():
    record("noop")


def test_quiet_batch():
    rows = list(range(5))
    quiet()  # @cause
    for r in rows:
        record("row", n=r)
    assert len(rows) == 5


def test_record_sorts_fields():
    record("export", b=1, a=2)
