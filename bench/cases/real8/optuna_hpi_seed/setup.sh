#!/bin/sh
# Creates .venv with the pinned interpreter and installs optuna 2.0.0rc0 (this folder) + test deps.
set -e
cd "$(dirname "$0")"
/root/.pyenv/versions/3.11.7/bin/python -m venv .venv
.venv/bin/pip install -q "setuptools<70" wheel
.venv/bin/pip install -q pytest==8.3.4 pytest-repeat==0.9.3 numpy==1.23.5 scipy==1.11.4 scikit-learn==1.3.2 \
    "sqlalchemy==1.4.54" alembic==1.13.3 cliff==4.7.0 cmaes==0.10.0 colorlog==6.9.0 joblib==1.4.2 tqdm==4.67.1
.venv/bin/pip install -q --no-build-isolation --no-deps -e .
