"""Clock reads made by the project's code and by library code only
(threads whose target is a C function), for the test that every run of a
`flakebpf run` session is traced alike: the kernel's per-run entries
(code objects seen, library marks, library-only stacks) of one run must
neither leak into the next nor be missing there."""
import threading
import time

N = 50


def read_clock():
    return time.monotonic()  # @read


def test_reads():
    for _ in range(N):
        read_clock()
    for i in range(100):
        t = threading.Thread(target=time.monotonic)
        t.start()
        t.join()
        if i == 4:
            # The tracer learns meanwhile that threading.py is library code.
            time.sleep(0.3)
