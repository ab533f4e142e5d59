from notifyd.messages import render


def test_welcome_renders_name():
    msg = render("welcome", "ana@example.com", name="Ana")
    assert "Ana" in msg.body
    assert msg.subject == "Welcome"


def test_shipped_mentions_order():
    assert "A-77" in render("shipped", "bo@example.com", name="Bo", order="A-77").body


def test_reset_code():
    assert "931204" in render("reset", "c@example.com", name="C", code="931204").body
