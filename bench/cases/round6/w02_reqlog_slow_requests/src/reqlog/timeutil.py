from datetime import datetime


def stamp():
    return datetime.now()


def millis_between(started, finished):
    """Milliseconds from ``started`` to ``finished`` (both datetimes)."""
    return (finished.microsecond - started.microsecond) / 1000.0


def format_ms(ms):
    if ms >= 1000:
        return f"{ms / 1000:.2f}s"
    return f"{ms:.0f}ms"
