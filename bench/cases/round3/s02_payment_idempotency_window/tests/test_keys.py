from paydesk.keys import current_window, idempotency_key


def test_key_is_stable_for_same_request():
    assert idempotency_key("cus_1", "cart-1", 100) == idempotency_key("cus_1", "cart-1", 100)


def test_key_differs_per_amount():
    assert idempotency_key("cus_1", "cart-1", 100) != idempotency_key("cus_1", "cart-1", 101)


def test_window_of_fixed_instant():
    assert current_window(1700000000.25) == 1700000000
