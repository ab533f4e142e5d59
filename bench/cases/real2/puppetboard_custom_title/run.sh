#!/bin/sh
# pytest-randomly (in requirements-test since the upstream fix) shuffles the order with a fresh seed each run.
cd "$(dirname "$0")"
exec .venv/bin/python -m pytest -p randomly \
  test/test_app.py::test_custom_title test/test_app.py::test_node_view \
  test/test_app.py::test_offline_static test/test_app.py::test_health_status \
  test/test_app.py::test_metric_params_5213 test/test_app.py::test_fact_json_with_graph "$@"
