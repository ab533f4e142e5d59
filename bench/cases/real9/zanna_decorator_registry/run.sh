#!/bin/sh
cd "$(dirname "$0")"
exec .venv/bin/python -m pytest -p no:cacheprovider -p randomly -q tests -k "not test_class_decorated"
