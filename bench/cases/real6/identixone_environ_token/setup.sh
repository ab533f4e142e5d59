#!/bin/sh
# Creates .venv with identixone 0.1.6.3 (this folder, editable) and pinned test dependencies.
set -e
cd "$(dirname "$0")"
/root/.pyenv/versions/3.11.7/bin/python -m venv .venv
.venv/bin/pip install -q requests==2.22.0 pytest==7.4.4 pytest-randomly==3.15.0
.venv/bin/pip install -q --no-deps -e .
