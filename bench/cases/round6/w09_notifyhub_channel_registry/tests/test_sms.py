from notifyhub.channels import SmsChannel, channel_for


def test_short_sms_single_part(ada):
    parts = SmsChannel([]).render(ada, "Your parcel   arrives today")
    assert parts == [{"to": ada.phone, "text": "Your parcel arrives today"}]


def test_long_sms_split_into_segments(ada):
    parts = SmsChannel([]).render(ada, "word " * 80)
    assert len(parts) == 3
    assert parts[0]["text"].startswith("(1/3) ")


def test_sms_preference_delivers_by_sms(dispatcher, ada):
    assert dispatcher.notify(ada, "Your code is 654321") == "sms"
    assert dispatcher.outbox == [("sms", {"to": ada.phone, "text": "Your code is 654321"})]


def test_registry_lookup():
    assert isinstance(channel_for("sms", []), SmsChannel)
