#!/bin/sh
# Creates .venv with emcee 3.1.2 (this folder, editable), numpy of its era, pytest and pytest-repeat.
set -e
cd "$(dirname "$0")"
/root/.pyenv/versions/3.10.13/bin/python -m venv .venv
.venv/bin/pip install -q numpy==1.23.5 pytest==7.4.4 pytest-repeat==0.9.3
.venv/bin/pip install -q --no-deps -e .
