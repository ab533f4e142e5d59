#!/bin/sh
# Creates .venv with knack 0.9.0 (this folder, editable) and pinned dependencies of its era.
set -e
cd "$(dirname "$0")"
/root/.pyenv/versions/3.11.7/bin/python -m venv .venv
.venv/bin/pip install -q argcomplete==2.0.0 jmespath==1.0.1 Pygments==2.13.0 PyYAML==6.0.1 tabulate==0.8.10 pytest==7.4.4 pytest-randomly==3.15.0
.venv/bin/pip install -q --no-deps -e .
