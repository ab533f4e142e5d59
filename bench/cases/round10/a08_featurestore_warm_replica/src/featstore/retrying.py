import functools
import time


def retry_until(budget, pause=0.01, on=(Exception,)):
    """Retry the wrapped call until it succeeds or the time budget is spent."""

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            deadline = time.monotonic() + budget
            while True:
                try:
                    return fn(*args, **kwargs)
                except on:
                    if time.monotonic() + pause > deadline:
                        raise
                    time.sleep(pause)
        return wrapper

    return decorate
