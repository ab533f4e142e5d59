#!/bin/sh
# Creates .venv with the pinned interpreter, installs zanna 0.3.1 (editable, from this folder)
# and the pinned test dependencies. Nothing is fetched at run time.
set -e
cd "$(dirname "$0")"
/root/.pyenv/versions/3.11.7/bin/python -m venv .venv
.venv/bin/pip install -q pytest==9.2.0 pluggy==1.7.0 iniconfig==2.3.1 packaging==26.4 pytest-randomly==3.15.0
.venv/bin/pip install -q --no-deps -e .
