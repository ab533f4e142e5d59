import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from devsync.cloud import CloudRegistry, Link
from devsync.device import Device
from devsync.spool import Spool


@pytest.fixture
def registry():
    return CloudRegistry()


@pytest.fixture
def link(registry):
    return Link(registry)


@pytest.fixture
def device(tmp_path, link):
    return Device("thermo-17", Spool(tmp_path / "spool"), link)
