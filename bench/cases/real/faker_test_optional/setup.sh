#!/bin/sh
# Faker 40.21.0 (last release before the fix, joke2k/faker PR #2376) + pytest, pinned.
set -e
cd "$(dirname "$0")"
/root/.pyenv/versions/3.11.7/bin/python -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q pytest==8.3.4 freezegun==1.5.1
.venv/bin/pip install -q --no-deps -e .
