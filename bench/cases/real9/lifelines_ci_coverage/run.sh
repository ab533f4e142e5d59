#!/bin/sh
cd "$(dirname "$0")"
exec .venv/bin/python -m pytest -p no:cacheprovider -p no:flaky -q -W ignore --count 4 lifelines/tests/test_estimation.py::TestWeibullFitter -k "test_left_censorship_inference and 750 or float_timelines or negative_or_zero"
