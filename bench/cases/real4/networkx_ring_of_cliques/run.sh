#!/bin/sh
# fast_label_propagation_communities tests, each repeated 25x (pytest-repeat) as one would to expose a rare flake.
cd "$(dirname "$0")"
exec .venv/bin/python -m pytest -p no:cacheprovider -q --count 25 -k "not larger_graph" networkx/algorithms/community/tests/test_label_propagation.py::TestFastLabelPropagationCommunities "$@"
