#!/bin/sh
# pytest-randomly shuffles module/test order with a fresh seed on every run.
cd "$(dirname "$0")"
exec .venv/bin/python -m pytest -p randomly --tb=short \
  test/test_model.py::TestModelBackend::test_relation_remote_app_name_env \
  test/test_model.py::TestModelBackend::test_relation_remote_app_name_script_success \
  test/test_model.py::TestModelBackend::test_relation_remote_app_name_script_errors \
  test/test_main.py::TestMainWithDispatch::test_multiple_events_handled \
  test/test_main.py::TestMainWithDispatch::test_no_actions \
  test/test_main.py::TestMainWithDispatch::test_collect_metrics "$@"
