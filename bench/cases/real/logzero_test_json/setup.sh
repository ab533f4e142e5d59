#!/bin/sh
# logzero 1.7.0 (latest release; repo archived, bug never fixed) + pytest + pytest-randomly, pinned.
set -e
cd "$(dirname "$0")"
/root/.pyenv/versions/3.11.7/bin/python -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q pytest==8.3.4 pytest-randomly==3.16.0
.venv/bin/pip install -q --no-deps -e .
