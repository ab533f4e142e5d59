class WriteBehindCache:
    """Holds a document's fields in memory and writes changed ones back later."""

    def __init__(self, backend, doc_id):
        self.backend = backend
        self.doc_id = doc_id
        self._fields = {}
        self._dirty = set()
        self.writes = 0

    def get(self, name, default=None):
        return self._fields.get(name, default)

    def set(self, name, value):
        if self._fields.get(name) == value:
            return
        self._fields[name] = value
        self._dirty.add(name)

    @property
    def dirty(self):
        return bool(self._dirty)

    async def flush(self):
        for name in sorted(self._dirty):
            await self.backend.put_field(self.doc_id, name, self._fields[name])
            self._dirty.discard(name)
            self.writes += 1

    def snapshot(self):
        return dict(self._fields)
