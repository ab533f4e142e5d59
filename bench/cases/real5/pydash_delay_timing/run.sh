#!/bin/sh
# pydash 4.9.2 timing flake: test_delay asserts that a 250 ms sleep takes 250 +/- 5 ms.
# The project's setup.cfg addopts demand 100 % coverage of a full run, so they are cleared
# for this small selection; pytest-repeat runs the selection 10 times in one session.
cd "$(dirname "$0")"
exec .venv/bin/python -m pytest -p no:cacheprovider -o addopts="" -q --count 10 tests/test_functions.py -k "test_delay or test_after or test_ary or test_before or test_conjoin"
