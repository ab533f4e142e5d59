"""Does one of each thing flakebpf must see, each on a line marked `# @name`.

The end-to-end tests find the expected line numbers from the markers, so
this file can be edited freely.
"""
import os
import random
import selectors
import socket
import subprocess
import threading
import time

lock = threading.Lock()
lock.acquire()


def wall():
    return time.time()  # @wall


def mono():
    return time.monotonic()  # @mono


def draw():
    return random.random()  # @random


def entropy():
    return os.urandom(16)  # @urandom


def missing_file():
    try:
        open("/nonexistent/flakebpf-probe.txt")  # @open
    except OSError:
        pass


def waiter():
    with lock:  # @blocked
        pass


def handoff():
    t = threading.Thread(target=waiter)
    t.start()
    time.sleep(0.05)  # @sleep
    lock.release()  # @release
    t.join()


def timed_waits():
    held = threading.Lock()
    held.acquire()
    held.acquire(timeout=0.02)  # @locktimeout
    a, b = socket.socketpair()
    sel = selectors.DefaultSelector()
    sel.register(a, selectors.EVENT_READ)
    sel.select(timeout=0.01)  # @select
    sel.close()
    a.close()
    b.close()


def sockets():
    a, b = socket.socketpair()
    a.sendall(b"x" * 123)
    data = b.recv(4096)  # @recv
    a.close()
    b.close()
    return data


def environ():
    os.environ["FLAKEBPF_PROBE"] = "yes"  # @environ


def spawn():
    subprocess.run(["/bin/true"])  # @subprocess


def hot():
    # 0.4 s of this thread's CPU time, not of the wall clock: the sampler
    # counts CPU time, so a loaded machine must not thin the samples out.
    start = time.thread_time()
    n = 0
    while time.thread_time() - start < 0.4:  # @hot
        for _ in range(1000):  # @hot
            n += 1  # @hot
    return n


def imports():
    # Module code objects are freed after import and their addresses reused:
    # each module's import-time read must still name its own file.
    import stamp_a  # noqa: F401
    import stamp_b  # noqa: F401
    import stamp_c  # noqa: F401
    import stamp_d  # noqa: F401


def main():
    imports()
    wall()
    mono()
    draw()
    entropy()
    missing_file()
    handoff()
    timed_waits()
    sockets()
    environ()
    spawn()
    hot()


main()
