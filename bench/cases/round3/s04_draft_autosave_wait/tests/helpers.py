import time


def eventually(predicate, timeout=0.25, interval=0.01):
    """Poll predicate until it is truthy; return its last value."""
    deadline = time.monotonic() + timeout
    value = predicate()
    while not value and time.monotonic() < deadline:
        time.sleep(interval)
        value = predicate()
    return value


def type_text(doc, text, pause=0.0):
    for ch in text:
        doc.append(ch)
        if pause:
            time.sleep(pause)
