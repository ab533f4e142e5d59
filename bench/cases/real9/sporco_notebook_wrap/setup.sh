#!/bin/sh
# Creates .venv with the pinned interpreter, installs sporco 0.2.2.post1 (editable, from this folder)
# with pinned runtime deps and the test deps (pytest, pytest-randomly). Nothing is fetched at run time.
set -e
cd "$(dirname "$0")"
/root/.pyenv/versions/3.11.7/bin/python -m venv .venv
.venv/bin/pip install -q numpy==1.26.4 scipy==1.12.0 matplotlib==3.8.4 future==1.0.0 imageio==2.37.0 filetype==1.2.0 \
    pytest==8.3.5 pytest-randomly==3.15.0
.venv/bin/pip install -q --no-deps -e .
