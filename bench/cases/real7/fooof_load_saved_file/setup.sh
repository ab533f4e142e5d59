#!/bin/sh
# Creates .venv with fooof 1.1.1 (this folder, editable), numpy and scipy of its era, pytest and pytest-randomly.
set -e
cd "$(dirname "$0")"
/root/.pyenv/versions/3.11.7/bin/python -m venv .venv
.venv/bin/pip install -q numpy==1.26.4 scipy==1.11.4 pytest==7.4.4 pytest-randomly==3.15.0
.venv/bin/pip install -q --no-deps -e .
