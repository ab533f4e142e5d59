import pytest

from conftest import stock_csv
from stockimport import ImportFailed


@pytest.mark.asyncio
async def test_import_counts_every_row(importer, store):
    n = await importer.import_csv(stock_csv(("BOLT-M6", "A1", 40), ("BOLT-M6", "B3", 10), ("NUT-M6", "A2", 5)))
    assert n == 3
    assert store.quantity("BOLT-M6") == 50


@pytest.mark.asyncio
async def test_supplier_feed_fallback(importer, store):
    await importer.import_csv(stock_csv(("BOLT-M8", "C1", 7)))
    assert store.rows()[0]["name"] == "Hex bolt M8 (supplier)"


@pytest.mark.asyncio
async def test_parse_error_writes_nothing(importer, store, catalog):
    with pytest.raises(ImportFailed):
        await importer.import_csv(stock_csv(("BOLT-M6", "A1", 40), ("NUT-M6", "A2", "x")))
    assert store.rows() == []
    assert catalog.lookups == 0


@pytest.mark.asyncio
async def test_unknown_sku_rolls_back_whole_file(importer, store):
    text = stock_csv(("BOLT-M6", "A1", 40), ("NUT-M6", "A2", 12),
                     ("SPRING-X", "A3", 3), ("WASH-M6", "A4", 100))
    with pytest.raises(ImportFailed) as err:
        await importer.import_csv(text)
    assert err.value.line == 4
    assert store.rows() == []
