#!/bin/sh
cd "$(dirname "$0")"
exec .venv/bin/python -m pytest -p no:cacheprovider tests/test_optional.py "$@"
