#!/bin/sh
# Creates .venv with structlog 25.5.0 (this folder, editable) and its "tests" dependency group as of October 2025,
# plus pytest-randomly. structlog itself has no runtime dependencies on Python 3.11.
set -e
cd "$(dirname "$0")"
/root/.pyenv/versions/3.11.7/bin/python -m venv .venv
.venv/bin/pip install -q pytest==8.4.2 pytest-asyncio==1.2.0 time-machine==2.19.0 simplejson==3.20.2 pytest-randomly==4.0.1
.venv/bin/pip install -q --no-deps -e .
