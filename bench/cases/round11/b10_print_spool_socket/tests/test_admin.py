from spoold import SpoolClient

from conftest import render_pdf


def test_pause_and_resume(spool_daemon):
    spool_daemon("basement-laser")
    client = SpoolClient()
    assert client.pause() == "paused"
    render_pdf(8)
    assert client.status()["ok"]
    assert client.resume() == "running"


def test_unknown_op_is_refused(spool_daemon, tmp_path):
    from spoold import SpoolServer
    server = SpoolServer("lab", path=str(tmp_path / "lab.sock")).start()
    try:
        reply = SpoolClient(path=server.path)._call(op="reboot")
        assert reply == {"ok": False, "error": "unknown op 'reboot'"}
    finally:
        server.stop()
