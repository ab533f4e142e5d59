import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from prefstore import Cluster, Node, PreferencesClient


@pytest.fixture
def cluster():
    return Cluster(Node("db-1"), Node("db-2"), [Node("db-3-eu")])


@pytest.fixture
def prefs(cluster):
    return PreferencesClient(cluster)
