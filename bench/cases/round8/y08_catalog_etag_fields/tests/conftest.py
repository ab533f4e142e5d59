import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from catalogapi.repository import ProductRepository

GOLDEN = Path(__file__).with_name("golden_etags.json")


@pytest.fixture(scope="session")
def golden():
    return json.loads(GOLDEN.read_text())


@pytest.fixture
def repo():
    r = ProductRepository()
    r.add({"sku": "TEA-001", "name": "Sencha 100g", "price": "8.50", "stock": 41, "brand": "Kyoto Leaf"})
    r.add({"sku": "TEA-002", "name": "Assam 250g", "price": "11.00", "stock": 0, "brand": "Dibrugarh"})
    r.add({"sku": "MUG-010", "name": "Stoneware mug", "price": "14.90", "stock": 7, "brand": "Hafen"})
    return r
