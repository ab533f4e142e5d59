import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pytest

from catalog import InvertedIndex, Reindexer
from helpers import make_products


@pytest.fixture
def index():
    idx = InvertedIndex()
    idx.add("sku-old", "discontinued brass kettle")
    return idx


@pytest.fixture
def products():
    return make_products(110)


@pytest.fixture
def reindexer(index, products):
    r = Reindexer(index, products)
    yield r
    r.join(2)
