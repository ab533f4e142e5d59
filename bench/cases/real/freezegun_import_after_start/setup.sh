#!/bin/sh
# freezegun 1.5.5 (latest release; the polluting reload is still in tests/test_utils.py) + test deps, pinned.
set -e
cd "$(dirname "$0")"
/root/.pyenv/versions/3.11.7/bin/python -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q pytest==8.3.4 pytest-randomly==3.16.0 python-dateutil==2.9.0.post0
.venv/bin/pip install -q --no-deps -e .
