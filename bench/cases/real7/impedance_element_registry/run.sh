#!/bin/sh
# impedance's circuit-element tests in a random order (pytest-randomly, a fresh seed each run). Deselected:
# test_each_element (a second victim of the same registry) and test_add_element_overwrite_fails (a second polluter),
# so that one test is flaky and one test pollutes. The sdist lacks the data/ files the other test modules read.
cd "$(dirname "$0")"
exec .venv/bin/python -m pytest -p no:cacheprovider -p randomly -q -W ignore::DeprecationWarning impedance/tests/test_circuit_elements.py -k "not test_each_element and not overwrite_fails"
