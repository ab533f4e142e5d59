#!/bin/sh
# Creates .venv with puppetboard 3.2.0 (pinned deps as resolved from its requirements.txt) and its test deps.
set -e
cd "$(dirname "$0")"
/root/.pyenv/versions/3.8.18/bin/python -m venv .venv
.venv/bin/pip install -q --upgrade "pip<24.1" "setuptools<70" "wheel==0.43.0"
.venv/bin/pip install -q -c constraints.txt \
  "Flask==1.1.4" "Flask-WTF==0.15.1" "Jinja2==2.11.3" "MarkupSafe==1.1.1" "WTForms==2.3.3" \
  "Werkzeug==0.16.1" "itsdangerous==1.1.0" "pypuppetdb==2.5.1" "requests==2.26.0" "CommonMark==0.9.1" \
  "pytest==6.2.5" "pytest-mock==3.6.1" "mock==4.0.3" "beautifulsoup4==4.10.0" "pytest-randomly==3.10.1"
.venv/bin/pip install -q -c constraints.txt --no-deps --no-build-isolation -e .
