#!/bin/sh
cd "$(dirname "$0")"
# setup.cfg's addopts need pytest-cov/isort/flake8 plugins; clear them. pytest-randomly shuffles the order.
exec .venv/bin/python -m pytest -p no:cacheprovider -p randomly -o addopts="" -q tests/test_configaro.py
