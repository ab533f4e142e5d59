"""Writes who it runs as, for the privilege test."""
import os
import sys

with open(sys.argv[1], "w") as f:
    f.write(f"{os.getuid()} {os.getgid()} {os.environ.get('HOME', '')}\n")
