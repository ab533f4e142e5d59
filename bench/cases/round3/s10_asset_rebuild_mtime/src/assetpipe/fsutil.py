import os


def mtime(path):
    """Modification time as stored in the build manifest (JSON integer)."""
    return int(os.stat(path).st_mtime)


def write_text(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as fh:
        fh.write(text)


def read_text(path):
    with open(path) as fh:
        return fh.read()
