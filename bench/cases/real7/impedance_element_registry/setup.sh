#!/bin/sh
# Creates .venv with impedance 1.7.1 (this folder, editable), its runtime dependencies at versions of its era
# (numpy 1.26.4, scipy, matplotlib, altair/pandas, which impedance.models.circuits imports), pytest 7.4.4
# (test_each_element uses pytest.warns(None), removed in pytest 8) and pytest-randomly.
set -e
cd "$(dirname "$0")"
/root/.pyenv/versions/3.11.7/bin/python -m venv .venv
.venv/bin/pip install -q numpy==1.26.4 scipy==1.11.4 matplotlib==3.8.4 pandas==2.1.4 altair==5.2.0 pytest==7.4.4 pytest-randomly==3.15.0
.venv/bin/pip install -q --no-deps -e .
