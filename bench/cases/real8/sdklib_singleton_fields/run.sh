#!/bin/sh
cd "$(dirname "$0")"
# pytest-randomly shuffles the test order on every run. Network-free modules only.
exec .venv/bin/python -m pytest -p no:cacheprovider -p randomly -q \
    tests/test_http_context.py tests/test_design_pattern.py tests/test_structures.py tests/test_urls.py
