import functools
import time


def timed(registry, endpoint):
    """Decorator for request handlers: records latency and failures per endpoint."""

    def decorate(handler):
        @functools.wraps(handler)
        def wrapper(*args, **kwargs):
            stats = registry.stats_for(endpoint)
            started = time.perf_counter()
            ok = False
            try:
                result = handler(*args, **kwargs)
                ok = True
                return result
            finally:
                stats.record(time.perf_counter() - started, ok=ok)

        return wrapper

    return decorate
