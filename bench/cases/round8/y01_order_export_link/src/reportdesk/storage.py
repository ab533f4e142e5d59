from pathlib import Path


class ExportNotFound(LookupError):
    pass


class ExportStore:
    def __init__(self, root):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def path_for(self, name):
        if "/" in name or name.startswith("."):
            raise ValueError(f"bad export name {name!r}")
        return self.root / name

    def save(self, name, data):
        path = self.path_for(name)
        tmp = path.with_suffix(path.suffix + ".part")
        tmp.write_bytes(data)
        tmp.replace(path)
        return path

    def read(self, name):
        path = self.path_for(name)
        if not path.exists():
            raise ExportNotFound(name)
        return path.read_bytes()

    def names(self):
        return sorted(p.name for p in self.root.iterdir() if not p.name.endswith(".part"))
