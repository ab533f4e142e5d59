import threading

from reporting import CsvExport


def test_csv_line_format(repo):
    export = CsvExport(repo)
    assert export.run("eu") == 16
    assert export.sink.lines[0] == CsvExport.HEADER
    assert export.sink.lines[1] == "5000,eu,2026-11-01,19.99\n"


def test_dashboard_stays_up_during_nightly_exports(repo, background):
    started = [threading.Event(), threading.Event()]
    for region, flag in zip(["eu", "us"], started):
        background(CsvExport(repo).run, region, on_started=flag.set)
    for flag in started:
        assert flag.wait(2)
    assert repo.open_order_count() == 12
