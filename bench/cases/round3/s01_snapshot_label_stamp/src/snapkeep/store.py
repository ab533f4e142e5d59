class MemoryStore:
    """In-memory stand-in for the object store used in production."""

    def __init__(self):
        self._blobs = {}
        self._manifests = {}

    def put(self, label, blob, manifest):
        if label in self._blobs:
            raise KeyError("snapshot %s already exists" % label)
        self._blobs[label] = blob
        self._manifests[label] = manifest

    def blob(self, label):
        return self._blobs[label]

    def manifest(self, label):
        return self._manifests[label]

    def delete(self, label):
        self._blobs.pop(label, None)
        self._manifests.pop(label, None)

    def labels(self):
        return sorted(self._manifests)
