import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import json

import pytest

from abtest import Assigner
from abtest.store import load_experiments

CONFIG = {
    "experiments": [
        {"key": "checkout-v2", "variants": [{"name": "control", "weight": 0.3},
                                            {"name": "one-page", "weight": 0.7}],
         "overrides": {"qa-bot": "control"}},
        {"key": "dark-mode", "active": False,
         "variants": [{"name": "off", "weight": 0.5}, {"name": "on", "weight": 0.5}]},
    ]
}


@pytest.fixture
def assigner(tmp_path):
    path = tmp_path / "experiments.json"
    path.write_text(json.dumps(CONFIG))
    return Assigner(load_experiments(path))
