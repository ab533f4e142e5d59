import pytest

from notifyhub import Recipient
from notifyhub.channels import DeliveryFailed, SmsChannel


def test_email_preference(dispatcher, bob):
    assert dispatcher.notify(bob, "Invoice ready\nYour invoice is attached.") == "email"
    kind, mail = dispatcher.outbox[0]
    assert kind == "email"
    assert mail["subject"] == "Invoice ready"


def test_unknown_channel_is_an_error(dispatcher):
    with pytest.raises(LookupError):
        dispatcher.notify(Recipient("x", prefers=["pigeon"]), "hi")


def test_falls_back_to_email_when_sms_gateway_down(dispatcher, ada):
    class GatewayDownSms(SmsChannel):
        kind = "sms"

        def render(self, recipient, message):
            raise DeliveryFailed("gateway returned 503")

    assert dispatcher.notify(ada, "Your code is 123456") == "email"
    assert dispatcher.failures == [("sms", "gateway returned 503")]


def test_no_fallback_configured(ada):
    from notifyhub import Dispatcher

    d = Dispatcher(fallback=None)
    assert d.notify(Recipient("eve", prefers=["email"]), "hi") is None
    assert d.failures
