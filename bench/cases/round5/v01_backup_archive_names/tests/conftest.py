import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from dbbackup.db import Database
from dbbackup.store import ArchiveStore
from dbbackup.backup import BackupRunner


@pytest.fixture
def db():
    database = Database("shop")
    database.create_table("customers")
    database.insert("customers", {"id": 1, "name": "Ada", "email": "ada@example.org"})
    database.insert("customers", {"id": 2, "name": "Grace", "email": "grace@example.org"})
    return database


@pytest.fixture
def store(tmp_path):
    return ArchiveStore(tmp_path / "archives")


@pytest.fixture
def runner(db, store):
    return BackupRunner(db, store)
