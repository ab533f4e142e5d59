import threading
import time

from store import Writer


def test_commit_alone():
    Writer().commit()


def test_commit_while_compacting(bad_run):
    w = Writer()
    t = threading.Thread(target=w.compact, args=(0.12 if bad_run else 0.01,))
    t.start()
    time.sleep(0.003)
    try:
        w.commit()
    finally:
        t.join()
