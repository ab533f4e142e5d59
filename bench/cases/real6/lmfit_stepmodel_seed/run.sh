#!/bin/sh
# lmfit's step-model tests plus a few neighbouring test files; -o addopts="" drops setup.cfg's --cov options.
cd "$(dirname "$0")"
exec .venv/bin/python -m pytest -p no:cacheprovider -q -o addopts="" tests/test_stepmodel.py tests/test_1variable.py tests/test_lineshapes.py tests/test_custom_independentvar.py tests/test_default_kws.py
