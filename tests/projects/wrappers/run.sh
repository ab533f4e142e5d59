#!/bin/sh
# A project's test wrapper: runs pytest with the venv's interpreter
# ($FLAKEBPF_TEST_VENV, set by the e2e test) in place of this shell.
exec "$FLAKEBPF_TEST_VENV/bin/python" -m pytest "$@"
