import functools
import threading


class Busy(RuntimeError):
    pass


def concurrency_limit(slots, wait):
    """Allow at most `slots` concurrent calls; callers wait up to `wait` seconds."""

    def decorate(fn):
        sem = threading.BoundedSemaphore(slots)

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            if not sem.acquire(timeout=wait):
                raise Busy(f"{fn.__name__}: all {slots} slots in use")
            try:
                return fn(*args, **kwargs)
            finally:
                sem.release()

        wrapper.slots = slots
        return wrapper

    return decorate
