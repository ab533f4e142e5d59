#!/bin/sh
# Creates .venv with the pinned interpreter and installs osc-tiny 0.12.0 (this folder) + pinned test deps.
set -e
cd "$(dirname "$0")"
/root/.pyenv/versions/3.11.7/bin/python -m venv .venv
.venv/bin/pip install -q pytest==8.3.4 pytest-randomly==3.16.0 responses==0.25.3 \
    lxml==5.3.0 requests==2.32.3 urllib3==2.2.3 python-dateutil==2.9.0.post0 pytz==2024.2 PyYAML==6.0.2
.venv/bin/pip install -q --no-deps -e .
