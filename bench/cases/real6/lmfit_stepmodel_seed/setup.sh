#!/bin/sh
# Creates .venv with lmfit 1.0.3 (this folder, editable) and pinned dependencies of that era.
set -e
cd "$(dirname "$0")"
/root/.pyenv/versions/3.10.13/bin/python -m venv .venv
.venv/bin/pip install -q numpy==1.22.4 scipy==1.8.1 asteval==0.9.26 uncertainties==3.1.6 pytest==7.4.4
.venv/bin/pip install -q --no-deps -e .
