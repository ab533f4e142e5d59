#!/bin/sh
# Creates .venv for pydash 4.9.2 (sdist unpacked in this folder) with pinned test deps.
set -e
cd "$(dirname "$0")"
/root/.pyenv/versions/3.11.7/bin/python -m venv .venv
.venv/bin/pip install -q "pytest==7.4.3" "pytest-repeat==0.9.3" "mock==4.0.3"
.venv/bin/pip install -q -e .
