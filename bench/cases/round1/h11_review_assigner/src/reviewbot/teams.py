"""Team roster parsing (the CODEOWNERS-like `teams.cfg` format)."""
from dataclasses import dataclass, field


@dataclass
class Team:
    name: str
    members: list = field(default_factory=list)
    paths: list = field(default_factory=list)
    away: set = field(default_factory=set)

    def owns(self, path):
        return any(path.startswith(p) for p in self.paths)

    def available(self):
        return [m for m in self.members if m not in self.away]


def load_teams(text):
    teams, current = {}, None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = teams.setdefault(line[1:-1], Team(line[1:-1]))
            continue
        key, _, value = line.partition("=")
        values = [v.strip() for v in value.split(",") if v.strip()]
        if current is None:
            raise ValueError("entry outside a team section: %r" % raw)
        if key.strip() == "members":
            current.members.extend(values)
        elif key.strip() == "paths":
            current.paths.extend(values)
        elif key.strip() == "away":
            current.away.update(values)
        else:
            raise ValueError("unknown key %r" % key.strip())
    return teams
