import copy
import time


class Database:
    """In-memory table store with a schema version, used by the shop service."""

    def __init__(self, name):
        self.name = name
        self.schema_version = 1
        self._tables = {}

    def create_table(self, table):
        self._tables.setdefault(table, [])

    def insert(self, table, row):
        self._tables[table].append(dict(row))

    def rows(self, table):
        return [dict(r) for r in self._tables[table]]

    def dump(self):
        return {
            "name": self.name,
            "schema_version": self.schema_version,
            "tables": copy.deepcopy(self._tables),
        }

    def load(self, payload):
        self.schema_version = payload["schema_version"]
        self._tables = copy.deepcopy(payload["tables"])

    def migrate(self, migration):
        """Apply a migration row by row, throttled so the live service keeps up."""
        for table in migration.tables:
            for row in self._tables.get(table, []):
                migration.apply(row)
                time.sleep(migration.throttle)
        self.schema_version = migration.target_version


class SplitNameMigration:
    """v2: split `name` into given/family name columns."""

    tables = ("customers",)
    target_version = 2

    def __init__(self, throttle=0.25):
        self.throttle = throttle

    def apply(self, row):
        given, _, family = row.pop("name").partition(" ")
        row["given_name"] = given
        row["family_name"] = family
