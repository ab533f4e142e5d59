"""Clock reads through each path the tracer probes, N times each: the
`time` module's monotonic functions (reported at the Python-level site
alone), the wall clock (libc), and libc's clock_gettime called through
ctypes, as a C extension would (libc): each must be reported once per
read, at its line."""
import ctypes
import ctypes.util
import time

N = 50


class Timespec(ctypes.Structure):
    _fields_ = [("sec", ctypes.c_long), ("nsec", ctypes.c_long)]


def main():
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    ts = Timespec()
    for _ in range(N):
        time.monotonic()  # @monotonic
        time.perf_counter_ns()  # @perf_counter
        time.time()  # @wall
        libc.clock_gettime(0, ctypes.byref(ts))  # @ctypes_wall


main()
