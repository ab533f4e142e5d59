#!/bin/sh
# Creates .venv with ops 2.16.0 (editable, from this sdist) and its pinned test deps.
set -e
cd "$(dirname "$0")"
/root/.pyenv/versions/3.11.7/bin/python -m venv .venv
.venv/bin/pip install -q -c constraints.txt "PyYAML" "websocket-client" "pytest" "pytest-randomly" "pytest-xdist"
.venv/bin/pip install -q -c constraints.txt --no-deps -e .
