"""Waits for a file to appear, reading the wall clock on a marked line; run
by the --pid attach test, which starts it first and attaches later."""
import os
import sys
import time

flag = sys.argv[1]
open(sys.argv[2], "w").close()  # tells the test that the process is running
while not os.path.exists(flag):
    time.time()  # @poll
    time.sleep(0.01)
