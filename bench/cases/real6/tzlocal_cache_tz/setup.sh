#!/bin/sh
# Creates .venv with tzlocal 2.1 (this folder) and its pinned test dependencies.
set -e
cd "$(dirname "$0")"
/root/.pyenv/versions/3.11.7/bin/python -m venv .venv
.venv/bin/pip install -q -e . pytz==2020.1 mock==4.0.3 pytest==7.4.4 pytest-randomly==3.15.0
