import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from typeahead.controller import SearchBox  # noqa: E402
from typeahead.index import CatalogIndex  # noqa: E402

TITLES = [
    "Café au lait bowl",
    "Cast iron skillet",
    "Castor oil",
    "Cat tree deluxe",
    "Catalan cookbook",
    "Cathode lamp",
    "Canvas tote",
    "Camera strap",
    "Dog leash",
    "Teapot",
]


@pytest.fixture
def index():
    return CatalogIndex(TITLES)


@pytest.fixture
def box(index):
    return SearchBox(index)
