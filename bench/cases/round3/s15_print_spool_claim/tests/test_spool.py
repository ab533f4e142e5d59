import os

from printspool.daemon import try_claim


def test_submit_is_listed(spool):
    job_id = spool.submit("invoice-77.pdf")
    assert [os.path.basename(p) for p in spool.pending()] == [job_id + ".json"]


def test_claimed_job_not_pending(spool):
    spool.submit("a.pdf")
    job_path = spool.pending()[0]
    assert try_claim(spool, job_path, "w1")["document"] == "a.pdf"
    assert spool.pending() == []


def test_second_claim_refused(spool):
    spool.submit("a.pdf")
    job_path = spool.pending()[0]
    try_claim(spool, job_path, "w1")
    assert try_claim(spool, job_path, "w2") is None


def test_offline_printer_skipped(spool):
    os.makedirs(os.path.join(spool.root, "printers"))
    with open(os.path.join(spool.root, "printers", "lobby"), "w") as fh:
        fh.write("paper-jam")
    spool.submit("a.pdf")
    assert try_claim(spool, spool.pending()[0], "w1") is None
