#!/bin/sh
# Creates .venv with lithoxyl 26.0.0 (editable, from this sdist) and pinned test deps.
set -e
cd "$(dirname "$0")"
/root/.pyenv/versions/3.11.7/bin/python -m venv .venv
.venv/bin/pip install -q -c constraints.txt boltons pytest pytest-randomly flit_core
.venv/bin/pip install -q -c constraints.txt --no-deps --no-build-isolation -e .
