import threading


def run_concurrently(*calls):
    """Run each zero-argument callable in its own thread; return results in order."""
    results = [None] * len(calls)
    errors = []

    def runner(i, fn):
        try:
            results[i] = fn()
        except Exception as exc:  # pragma: no cover - surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=runner, args=(i, fn)) for i, fn in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(5)
    if errors:
        raise errors[0]
    return results
