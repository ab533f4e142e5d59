import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from pantry import parse_line, register_unit, unregister_unit


@pytest.fixture
def metric_cups():
    """Australian/NZ recipes measure in 250 ml metric cups."""
    register_unit("metric_cup", "volume", 250.0, aliases=("cup", "cups"))
    yield "metric_cup"
    unregister_unit("metric_cup")


@pytest.fixture
def pancakes():
    return [parse_line(l) for l in ("1 1/2 cups flour", "2 large eggs",
                                    "1 cup milk", "2 tbsp sugar", "1 tsp baking powder")]
