import threading
import time

from courier import AssignmentMailbox


def test_wait_times_out_without_assignment():
    box = AssignmentMailbox("d")
    assert box.wait_for_assignment(timeout=0.02) is None


def test_deliver_while_waiting():
    box = AssignmentMailbox("d")
    got = []
    t = threading.Thread(target=lambda: got.append(box.wait_for_assignment(timeout=1.0)))
    t.start()
    while not box._cond._waiters:
        time.sleep(0.001)
    box.deliver({"id": 1})
    t.join()
    assert got == [{"id": 1}]
