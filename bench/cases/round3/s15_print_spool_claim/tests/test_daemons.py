from conftest import wait_for


def test_single_daemon_prints_job(spool, daemons):
    daemons("front")
    job_id = spool.submit("menu.pdf", copies=2)
    assert wait_for(lambda: spool.printed())
    assert spool.printed() == [[job_id, "lobby", "front"]]


def test_two_daemons_print_each_job_once(spool, daemons):
    daemons("front", "back")
    job_id = spool.submit("boarding-passes.pdf")
    assert wait_for(lambda: spool.printed())
    wait_for(lambda: len(spool.printed()) > 1, timeout=0.15)
    assert [row[0] for row in spool.printed()] == [job_id]
