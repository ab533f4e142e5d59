import json
import os


class Manifest:
    def __init__(self, path):
        self.path = path
        self.entries = {}
        if os.path.exists(path):
            with open(path) as fh:
                self.entries = json.load(fh)

    def record(self, source, output, source_mtime):
        self.entries[source] = {"output": output, "mtime": source_mtime}

    def built_mtime(self, source):
        entry = self.entries.get(source)
        return None if entry is None else entry["mtime"]

    def save(self):
        tmp = self.path + ".tmp"
        with open(tmp, "w") as fh:
            json.dump(self.entries, fh, indent=1, sort_keys=True)
        os.replace(tmp, self.path)
