from pathlib import Path

from .pem import armor, dearmor


def write_bundle(path, certificates):
    """Write a CA bundle that every service on the host can read."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(armor("CERTIFICATE", der) for der in certificates)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text)
    tmp.replace(path)
    return path


def read_bundle(path):
    return [payload for kind, payload in dearmor(Path(path).read_text()) if kind == "CERTIFICATE"]
