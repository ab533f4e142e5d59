import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from storefront import Cart, load_catalog

DATA = Path(__file__).with_name("catalog.json")


@pytest.fixture(scope="session")
def catalog():
    return load_catalog(DATA)


@pytest.fixture
def cart(catalog):
    return Cart(catalog)
