import pytest

from mailer import compose


def test_welcome_mail_uses_default_sender(customer):
    msg = compose("welcome", [customer["email"]], name=customer["name"])
    assert msg.sender == "noreply@shop.example"
    assert msg.subject == "Welcome to Shop"
    assert "Reply-To" not in msg.headers


def test_recipient_limit(customer):
    with pytest.raises(ValueError):
        compose("welcome", [f"u{i}@x.org" for i in range(51)], name="x")


def test_no_recipients():
    with pytest.raises(ValueError):
        compose("welcome", [], name="x")
