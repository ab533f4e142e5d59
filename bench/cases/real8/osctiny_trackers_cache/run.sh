#!/bin/sh
cd "$(dirname "$0")"
# pytest-randomly shuffles the test order (and reseeds random) on every run.
exec .venv/bin/python -m pytest -p no:cacheprovider -p randomly -q \
    osctiny/tests/test_issues.py osctiny/tests/test_comments.py osctiny/tests/test_distributions.py \
    osctiny/tests/test_attributes.py osctiny/tests/test_search.py
