"""Clock reads and syscalls made by library code only (threads whose
target is a C function: their only Python frames are threading.py's) and
by the project's code, directly and through the stdlib, for the tracing
test of the kernel's library-code filter."""
import asyncio
import os
import threading
import time

N = 100


def project_read():
    return time.monotonic()  # @project


def main():
    loop = asyncio.new_event_loop()
    for _ in range(N):
        project_read()
        loop.time()  # @via_stdlib
        os.urandom(16)  # @entropy
    loop.close()
    for i in range(N):
        for target, args in ((time.monotonic, ()), (os.urandom, (16,))):
            t = threading.Thread(target=target, args=args)
            t.start()
            t.join()
        if i == 4:
            # The tracer learns meanwhile that threading.py is library code.
            time.sleep(0.3)


main()
