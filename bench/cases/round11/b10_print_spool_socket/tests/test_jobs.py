from spoold import SpoolClient

from conftest import render_pdf


def test_jobs_are_queued_in_order(spool_daemon):
    spool_daemon("office-3f")
    client = SpoolClient()
    for name, pages in [("invoice-1183.pdf", 4), ("packing-slip.pdf", 2), ("label-sheet.pdf", 5)]:
        client.submit(name, render_pdf(pages))
    status = client.status()
    assert status["printer"] == "office-3f"
    assert status["state"] == "running"
    assert status["jobs"] == ["invoice-1183.pdf", "packing-slip.pdf", "label-sheet.pdf"]
    assert status["pages"] == 11
