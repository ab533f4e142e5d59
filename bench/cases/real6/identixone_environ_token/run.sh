#!/bin/sh
# identixone's API-client and HTTP-client tests in random order (pytest-randomly, fresh seed each run).
cd "$(dirname "$0")"
exec .venv/bin/python -m pytest -p no:cacheprovider -p randomly -q tests/api/test_api_client.py tests/http/test_http_client.py -k "not test_unsupported_version_raises_exception"
