#!/bin/sh
# Creates .venv with the pinned interpreter and installs configaro 1.0.6 (this folder) + test deps.
set -e
cd "$(dirname "$0")"
/root/.pyenv/versions/3.11.7/bin/python -m venv .venv
.venv/bin/pip install -q pytest==8.3.4 pytest-randomly==3.16.0 munch==4.0.0
.venv/bin/pip install -q --no-deps -e .
