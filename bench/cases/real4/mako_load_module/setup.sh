#!/bin/sh
# Creates .venv with Mako 1.1.4 (this unpacked sdist, editable) plus its test runner and pytest-randomly.
set -e
cd "$(dirname "$0")"
/root/.pyenv/versions/3.11.7/bin/python -m venv .venv
.venv/bin/pip install -q pytest==6.2.4 pytest-randomly==3.12.0 MarkupSafe==2.0.1 mock==4.0.3
.venv/bin/pip install -q --no-deps -e .
