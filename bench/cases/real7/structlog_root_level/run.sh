#!/bin/sh
# structlog's stdlib, config and base tests in a random order (pytest-randomly, a fresh seed each run).
# TestProcessorFormatter is deselected: its configure_logging() helper resets the root level to DEBUG in many tests,
# which hides the leak most of the time.
cd "$(dirname "$0")"
exec .venv/bin/python -m pytest -p no:cacheprovider -p randomly -q tests/test_stdlib.py tests/test_config.py tests/test_base.py -k "not TestProcessorFormatter"
