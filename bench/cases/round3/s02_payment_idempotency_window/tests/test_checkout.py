import pytest

from paydesk import PaymentFailed


def test_total(checkout, cart):
    assert checkout.total(cart) == 3399


def test_simple_payment(checkout, gateway, cart):
    receipt = checkout.pay("cus_1", cart, "4242")
    assert receipt["amount"] == 3399
    assert gateway.total_charged("4242") == 3399


def test_declined_card(checkout, gateway, cart):
    gateway.declined_cards.add("4000")
    with pytest.raises(PaymentFailed, match="declined"):
        checkout.pay("cus_1", cart, "4000")


def test_empty_cart_rejected(checkout):
    with pytest.raises(PaymentFailed):
        checkout.pay("cus_1", {"id": "c0", "lines": []}, "4242")


def test_gives_up_after_retries(fast_checkout, gateway, cart):
    gateway.drop_next_responses(5)
    with pytest.raises(PaymentFailed, match="unavailable"):
        fast_checkout.pay("cus_2", cart, "5555")
    assert len(fast_checkout.attempts) == 3


def test_lost_response_is_retried_without_double_charge(checkout, gateway, cart):
    gateway.drop_next_responses(1)
    receipt = checkout.pay("cus_3", cart, "4242")
    assert receipt["amount"] == 3399
    assert len(gateway.charges) == 1
    assert gateway.total_charged("4242") == 3399
