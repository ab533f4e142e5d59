import hashlib
import os
import tarfile


def _digest(path, chunk=65536):
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(chunk), b""):
            h.update(block)
    return h.hexdigest()


def collect(source, exclude=(".cache", "__pycache__")):
    entries = []
    for root, dirs, files in os.walk(source):
        dirs[:] = sorted(d for d in dirs if d not in exclude)
        for name in sorted(files):
            full = os.path.join(root, name)
            entries.append((os.path.relpath(full, source), full))
    return entries


def create_archive(source, dest_dir, name):
    os.makedirs(dest_dir, exist_ok=True)
    target = os.path.join(dest_dir, f"{name}.tar.gz")
    digests = {}
    with tarfile.open(target, "w:gz") as tar:
        for rel, full in collect(source):
            tar.add(full, arcname=rel)
            digests[rel] = _digest(full)
    return target, digests


def list_members(archive_path):
    with tarfile.open(archive_path, "r:gz") as tar:
        return sorted(m.name for m in tar.getmembers() if m.isfile())
