import time


def eventually(predicate, timeout=0.235, interval=0.02):
    """Poll `predicate` until it is truthy or the deadline passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return bool(predicate())


def make_products(n):
    colours = ["red", "blue", "green", "black"]
    kinds = ["kettle", "toaster", "lamp", "chair", "desk"]
    return [
        (f"sku-{i:04d}", f"{colours[i % 4]} {kinds[i % 5]} model {i}")
        for i in range(n)
    ]
