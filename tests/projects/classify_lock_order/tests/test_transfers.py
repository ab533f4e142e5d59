import threading

from bank import Account, transfer


def test_one_transfer():
    a, b = Account("a", 100), Account("b", 100)
    transfer(a, b, 10, 0.0)
    assert (a.balance, b.balance) == (90, 110)


def test_opposite_transfers(bad_run):
    a, b = Account("a", 100), Account("b", 100)
    gate = threading.Barrier(2)
    errors = []

    def run(src, dst):
        gate.wait()
        try:
            transfer(src, dst, 10, 0.03 if bad_run else 0.0)
        except TimeoutError as e:
            errors.append(e)

    threads = [threading.Thread(target=run, args=pair) for pair in ((a, b), (b, a))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
