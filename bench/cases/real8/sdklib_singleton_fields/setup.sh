#!/bin/sh
# Creates .venv with the pinned interpreter and installs sdklib 1.12.0 (this folder) + pinned test deps.
set -e
cd "$(dirname "$0")"
/root/.pyenv/versions/3.11.7/bin/python -m venv .venv
.venv/bin/pip install -q pytest==8.3.4 pytest-randomly==3.16.0 urllib3==2.2.3 html5lib==1.1
.venv/bin/pip install -q --no-deps -e .
