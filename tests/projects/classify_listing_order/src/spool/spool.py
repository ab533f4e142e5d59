import json
import os


class Spool:
    """Offline state changes, one file each, replayed into a registry."""

    def __init__(self, root):
        self.root = root

    def put(self, seq, state):
        with open(os.path.join(self.root, "%04d.json" % seq), "w") as f:
            json.dump(state, f)

    def replay(self, registry):
        for name in os.listdir(self.root):  # @cause
            with open(os.path.join(self.root, name)) as f:
                registry.update(json.load(f))
        return registry
