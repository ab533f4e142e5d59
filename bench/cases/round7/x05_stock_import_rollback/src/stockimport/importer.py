"""Import a warehouse stock-count CSV: every row or none."""
import asyncio
import csv
import io


class ImportFailed(Exception):
    def __init__(self, line, reason):
        super().__init__("line %d: %s" % (line, reason))
        self.line = line
        self.reason = reason


def parse_rows(text):
    reader = csv.DictReader(io.StringIO(text.strip()))
    rows = []
    for line_no, raw in enumerate(reader, start=2):
        try:
            quantity = int(raw["quantity"])
        except (TypeError, ValueError):
            raise ImportFailed(line_no, "quantity is not a number") from None
        if quantity < 0:
            raise ImportFailed(line_no, "negative quantity")
        rows.append((line_no, raw["sku"].strip().upper(), raw["location"].strip(), quantity))
    return rows


class StockImporter:
    def __init__(self, catalog, store, chunk_size=8):
        self.catalog = catalog
        self.store = store
        self.chunk_size = chunk_size

    async def _import_row(self, row, written):
        line_no, sku, location, quantity = row
        try:
            product = await self.catalog.lookup(sku)
        except LookupError:
            raise ImportFailed(line_no, "unknown sku %s" % sku) from None
        row_id = await self.store.insert(
            {"sku": sku, "name": product["name"], "location": location, "quantity": quantity})
        written.append(row_id)

    async def import_csv(self, text):
        rows = parse_rows(text)
        written = []
        try:
            for start in range(0, len(rows), self.chunk_size):
                chunk = rows[start:start + self.chunk_size]
                await asyncio.gather(*(self._import_row(row, written) for row in chunk))
        except ImportFailed:
            await self.store.delete_many(list(written))
            raise
        return len(written)
