from paygate import CheckoutClient, Money


def test_successful_payment(gateway):
    client = CheckoutClient(gateway)
    result = client.pay("ord-1", "tok_visa", "49.90")
    assert result["status"] == "succeeded"
    assert gateway.captured_total("EUR") == Money(4990, "EUR")


def test_declined_card_is_not_booked(gateway):
    result = CheckoutClient(gateway).pay("ord-2", "tok_declined", "12.00")
    assert result["status"] == "declined"
    assert gateway.charges == []


def test_explicit_key_replays_result(gateway):
    payload = {"order": "ord-3", "card": "tok_visa", "amount": "5.00", "currency": "EUR"}
    first = gateway.charge(payload, idempotency_key="cart-77")
    second = gateway.charge(payload, idempotency_key="cart-77")
    assert first == second
    assert len(gateway.charges) == 1


def test_refund_removes_from_total(gateway):
    client = CheckoutClient(gateway)
    a = client.pay("ord-4", "tok_visa", "20.00")
    client.pay("ord-5", "tok_mc", "7.50")
    gateway.refund(a["charge_id"])
    assert gateway.captured_total("EUR") == Money(750, "EUR")


def test_retry_after_lost_response_charges_once(gateway, lossy_transport):
    client = CheckoutClient(gateway, transport=lossy_transport)
    result = client.pay("ord-6", "tok_visa", "89.00")
    assert result["status"] == "succeeded"
    assert client.attempts == 2
    assert len(gateway.charges) == 1
    assert gateway.captured_total("EUR") == Money(8900, "EUR")
