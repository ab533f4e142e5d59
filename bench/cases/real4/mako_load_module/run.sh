#!/bin/sh
# Mako's util and def tests in random order (pytest-randomly, fresh seed each run), as the
# Mako maintainers did when they found issue #338.
cd "$(dirname "$0")"
exec .venv/bin/python -m pytest -q -p no:cacheprovider -p randomly test/test_util.py test/test_def.py "$@"
