#!/bin/sh
# pytest-randomly shuffles module and test order with a fresh seed on every run (how IDoFT found it).
cd "$(dirname "$0")"
exec .venv/bin/python -m pytest -p no:cacheprovider -p randomly tests/test_class_import.py tests/test_utils.py "$@"
