#!/bin/sh
# pytest-randomly shuffles the test order with a fresh seed on every run (as in IDoFT's report).
cd "$(dirname "$0")"
exec .venv/bin/python -m pytest -p no:cacheprovider -p randomly tests/test_json.py "$@"
