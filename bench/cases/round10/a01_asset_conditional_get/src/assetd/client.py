class CachingClient:
    """Keeps the last body of every asset and revalidates it on each fetch."""

    def __init__(self, server):
        self.server = server
        self._cache = {}
        self.revalidations = 0

    def fetch(self, path):
        headers = {}
        cached = self._cache.get(path)
        if cached is not None:
            headers["If-Modified-Since"] = cached[0]
            self.revalidations += 1
        resp = self.server.get(path, headers)
        if resp.status == 304 and cached is not None:
            return cached[1]
        if resp.status != 200:
            raise LookupError(f"{path}: HTTP {resp.status}")
        self._cache[path] = (resp.headers["Last-Modified"], resp.body)
        return resp.body

    def forget(self, path):
        self._cache.pop(path, None)
