#!/bin/sh
# Creates .venv with networkx 3.2.1 (this unpacked sdist, editable) and its test runner.
set -e
cd "$(dirname "$0")"
/root/.pyenv/versions/3.11.7/bin/python -m venv .venv
.venv/bin/pip install -q pytest==7.4.3 pytest-repeat==0.9.3
.venv/bin/pip install -q --no-deps -e .
