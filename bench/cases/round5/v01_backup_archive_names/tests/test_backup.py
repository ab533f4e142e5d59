from dbbackup.backup import migrate_with_backups
from dbbackup.db import SplitNameMigration


def test_backup_writes_archive(runner, store):
    name = runner.run(label="manual")
    assert store.names("shop") == [name]
    assert store.read(name)["label"] == "manual"


def test_restore_latest_brings_rows_back(runner, db):
    runner.run()
    db.insert("customers", {"id": 3, "name": "Linus", "email": "linus@example.org"})
    runner.restore()
    assert [r["id"] for r in db.rows("customers")] == [1, 2]


def test_prune_keeps_newest(store):
    for i in range(4):
        store.write(f"shop-2026010{i + 1}-120000.json.gz", {"n": i})
    store.write("other-20260101-120000.json.gz", {"n": 9})
    removed = store.prune("shop", keep=2)
    assert removed == ["shop-20260101-120000.json.gz", "shop-20260102-120000.json.gz"]
    assert len(store.names()) == 3


def test_migration_is_bracketed_by_two_backups(runner, store, db):
    before, after = migrate_with_backups(runner, SplitNameMigration(throttle=0.33))
    assert db.schema_version == 2
    assert store.names("shop") == [before, after]
    assert store.read(before)["schema_version"] == 1
    assert store.read(after)["schema_version"] == 2


def test_rollback_restores_pre_migration_snapshot(runner, db, store):
    runner.run(label="pre")
    db.migrate(SplitNameMigration(throttle=0))
    runner.restore(store.names("shop")[0])
    assert db.schema_version == 1
    assert db.rows("customers")[0]["name"] == "Ada"
