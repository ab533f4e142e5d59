import sys
import time


def stamp():
    return time.time()  # @child_wall


print("%d.%d" % sys.version_info[:2], stamp())
