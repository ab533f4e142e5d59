from .naming import archive_name


class BackupRunner:
    def __init__(self, db, store, keep=5):
        self.db = db
        self.store = store
        self.keep = keep
        self.history = []

    def run(self, label=None):
        payload = self.db.dump()
        payload["label"] = label
        name = archive_name(self.db.name)
        self.store.write(name, payload)
        self.history.append(name)
        self.store.prune(self.db.name, self.keep)
        return name

    def latest(self):
        names = self.store.names(self.db.name)
        if not names:
            raise LookupError(f"no backups for {self.db.name}")
        return names[-1]

    def restore(self, name=None):
        payload = self.store.read(name or self.latest())
        self.db.load(payload)
        return payload.get("label")


def migrate_with_backups(runner, migration):
    """Back up, migrate, back up again: the pair brackets the schema change."""
    before = runner.run(label=f"pre-v{migration.target_version}")
    runner.db.migrate(migration)
    after = runner.run(label=f"post-v{migration.target_version}")
    return before, after
