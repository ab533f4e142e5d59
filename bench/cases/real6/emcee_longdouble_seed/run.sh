#!/bin/sh
# emcee's long-double integration tests plus two unit-test neighbours, each repeated 5 times
# with pytest-repeat (one execution of the flaky test fails about 1 time in 9).
cd "$(dirname "$0")"
exec .venv/bin/python -m pytest -p no:cacheprovider -q --count 5 src/emcee/tests/integration/test_longdouble.py src/emcee/tests/unit/test_state.py src/emcee/tests/unit/test_stretch.py
