import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from stockimport import CatalogClient, InventoryStore, StockImporter


@pytest.fixture
def catalog():
    return CatalogClient(
        {
            "BOLT-M6": {"name": "Hex bolt M6"},
            "NUT-M6": {"name": "Hex nut M6"},
            "WASH-M6": {"name": "Washer M6"},
        },
        supplier_feed={"BOLT-M8": {"name": "Hex bolt M8 (supplier)"}},
    )


@pytest.fixture
def store():
    return InventoryStore()


@pytest.fixture
def importer(catalog, store):
    return StockImporter(catalog, store)


def stock_csv(*rows):
    lines = ["sku,location,quantity"] + [",".join(map(str, r)) for r in rows]
    return "\n".join(lines) + "\n"
