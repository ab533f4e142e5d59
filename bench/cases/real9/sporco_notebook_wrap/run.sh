#!/bin/sh
cd "$(dirname "$0")"
exec .venv/bin/python -m pytest -p no:cacheprovider -p randomly -q tests/test_plot.py tests/test_array.py tests/test_metric.py
