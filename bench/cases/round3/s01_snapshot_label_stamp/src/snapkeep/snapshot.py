"""Point-in-time snapshots of small config volumes."""
from dataclasses import dataclass

from .clock import parse_stamp, stamp


class IntegrityError(Exception):
    pass


@dataclass(frozen=True)
class Manifest:
    label: str
    volume: str
    created: str
    size: int
    checksum: str
    files: tuple


class SnapshotManager:
    def __init__(self, store, packer):
        self._store = store
        self._packer = packer

    def take(self, volume, files):
        label = "%s@%s" % (volume, stamp())
        blob = self._packer.pack(files)
        manifest = Manifest(
            label=label,
            volume=volume,
            created=stamp(),
            size=len(blob),
            checksum=self._packer.checksum(blob),
            files=tuple(sorted(files)),
        )
        self._store.put(label, blob, manifest)
        return manifest

    def verify(self, label):
        manifest = self._store.manifest(label)
        blob = self._store.blob(label)
        if self._packer.checksum(blob) != manifest.checksum:
            raise IntegrityError("checksum mismatch for %s" % label)
        volume, _, when = manifest.label.partition("@")
        if volume != manifest.volume or when != manifest.created:
            raise IntegrityError("label %s does not match manifest (%s)" % (label, manifest.created))
        return manifest

    def restore(self, label):
        manifest = self.verify(label)
        files = self._packer.unpack(self._store.blob(label))
        if sorted(files) != list(manifest.files):
            raise IntegrityError("file list mismatch for %s" % label)
        return files

    def history(self, volume):
        found = [self._store.manifest(l) for l in self._store.labels()]
        return [m for m in found if m.volume == volume]

    def prune(self, volume, keep):
        snaps = sorted(self.history(volume), key=lambda m: parse_stamp(m.created))
        doomed = snaps[:-keep] if keep else snaps
        for m in doomed:
            self._store.delete(m.label)
        return [m.label for m in doomed]
