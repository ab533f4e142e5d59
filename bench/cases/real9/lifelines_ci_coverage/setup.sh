#!/bin/sh
# Creates .venv with the pinned interpreter, installs lifelines 0.27.8 (editable, from this folder)
# with pinned runtime deps and the test deps (pytest, flaky; the flaky plugin is disabled in run.sh).
set -e
cd "$(dirname "$0")"
/root/.pyenv/versions/3.11.7/bin/python -m venv .venv
.venv/bin/pip install -q numpy==1.26.4 scipy==1.11.4 pandas==2.1.4 matplotlib==3.8.4 autograd==1.6.2 autograd-gamma==0.5.0 formulaic==1.0.1 \
    pytest==8.3.5 flaky==3.8.1 pytest-repeat==0.9.3
.venv/bin/pip install -q --no-deps -e .
