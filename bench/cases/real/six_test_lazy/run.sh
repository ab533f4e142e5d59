#!/bin/sh
# pytest-randomly shuffles test order with a fresh seed on every run (how IDoFT found it).
cd "$(dirname "$0")"
exec .venv/bin/python -m pytest -p no:cacheprovider -p randomly test_six.py "$@"
