#!/bin/sh
# pytest-randomly reseeds `random` before every test with a per-run seed (and shuffles the order).
cd "$(dirname "$0")"
exec .venv/bin/python -m pytest -p randomly \
  lithoxyl/tests/test_stats.py::test_momentacc_basic \
  lithoxyl/tests/test_stats.py::test_momentacc_norm \
  lithoxyl/tests/test_stats.py::test_quantacc_basic \
  lithoxyl/tests/test_stats.py::test_quantacc \
  lithoxyl/tests/test_stats.py::test_p2quantacc \
  lithoxyl/tests/test_basic.py "$@"
