import json
import os
import tempfile


class RotaStore:
    def __init__(self, directory):
        self.directory = directory
        os.makedirs(directory, exist_ok=True)

    def path(self, team):
        return os.path.join(self.directory, "%s.json" % team)

    def save(self, team, rota, generated_at):
        data = {"generated_at": generated_at.isoformat(),
                "shifts": [dict(s, begins=s["begins"].isoformat(), ends=s["ends"].isoformat()) for s in rota.shifts]}
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".%s-" % team)
        with os.fdopen(fd, "w") as fh:
            json.dump(data, fh)
        os.replace(tmp, self.path(team))

    def load(self, team):
        with open(self.path(team)) as fh:
            return json.load(fh)
