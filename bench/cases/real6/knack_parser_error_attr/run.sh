#!/bin/sh
# knack's parser tests, configured-defaults tests and two neighbouring files in random order
# (pytest-randomly, fresh seed each run). The tests put their config dir at $TMPDIR/knack_temp,
# so each run gets its own TMPDIR (as tox 4 does per environment) to keep concurrent runs apart.
cd "$(dirname "$0")"
TMPDIR=$(mktemp -d /tmp/knack_run.XXXXXX); export TMPDIR
exec .venv/bin/python -m pytest -p no:cacheprovider -p randomly -q tests/test_parser.py tests/test_command_with_configured_defaults.py tests/test_completion.py tests/test_query.py
