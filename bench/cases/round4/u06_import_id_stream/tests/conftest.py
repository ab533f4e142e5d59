import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from bulkimport.importer import CustomerStore, ParallelImporter  # noqa: E402
from bulkimport.sequences import IdAllocator, SequenceTable  # noqa: E402


def make_csv(n):
    lines = ["name,email,country"]
    for i in range(n):
        lines.append(f"Customer {i},customer{i}@example.com,{'DE' if i % 3 else 'FR'}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def table():
    return SequenceTable()


@pytest.fixture
def allocator(table):
    return IdAllocator(table, block_size=50)


@pytest.fixture
def store():
    return CustomerStore()


@pytest.fixture
def importer(allocator, store):
    return ParallelImporter(allocator, store, threads=2)


@pytest.fixture
def customers_csv():
    return make_csv
