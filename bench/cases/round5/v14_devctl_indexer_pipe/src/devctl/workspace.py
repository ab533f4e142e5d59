import hashlib
import json
from pathlib import Path

IGNORED = {".git", ".devctl", "__pycache__", ".venv", "node_modules"}


def iter_sources(root):
    for path in sorted(Path(root).rglob("*")):
        if path.is_file() and not (set(path.relative_to(root).parts) & IGNORED):
            yield path


def build_index(root):
    entries = {}
    for path in iter_sources(root):
        digest = hashlib.sha1(path.read_bytes()).hexdigest()
        entries[str(path.relative_to(root))] = digest
    return entries


def index_path(root):
    return Path(root) / ".devctl" / "index.json"


def write_index(root, entries):
    target = index_path(root)
    target.parent.mkdir(exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(entries, sort_keys=True))
    tmp.replace(target)


def read_index(root):
    try:
        return json.loads(index_path(root).read_text())
    except FileNotFoundError:
        return None
