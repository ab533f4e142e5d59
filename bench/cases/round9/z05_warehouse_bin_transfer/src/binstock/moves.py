from contextlib import contextmanager


@contextmanager
def _claimed(scanner, *bins):
    held = []
    try:
        for b in bins:
            b.claim()
            held.append(b)
            scanner.confirm(b.code, None, 0)
        yield
    finally:
        for b in reversed(held):
            b.release()


def _scan_out(source, sku, qty, scanner):
    scanner.confirm(source.code, sku, -qty)
    source.take(sku, qty)


def move_stock(source, target, sku, qty, scanner):
    """Move qty units of sku between two bins; both bins are held for the whole move."""
    if source is target:
        return
    with _claimed(scanner, source, target):
        _scan_out(source, sku, qty, scanner)
        target.put(sku, qty)
        scanner.confirm(target.code, sku, qty)
