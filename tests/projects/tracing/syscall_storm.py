"""Many short syscalls from one line while the sampler fires often, for the
tracing test that checks no record is spoiled by a sample taken while the
syscall's own record was being built."""
import os
import sys


def draw(n):
    for _ in range(n):
        os.urandom(16)  # @draw


draw(int(sys.argv[1]))
