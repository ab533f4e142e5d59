from concurrent.futures import ThreadPoolExecutor


class ImageProxy:
    def __init__(self, fetcher, cache=None, workers=2):
        self.fetcher = fetcher
        self.cache = {} if cache is None else cache
        self.workers = workers

    def image(self, path):
        body = self.cache.get(path)
        if body is None:
            body = self.fetcher.fetch(path)
        return body

    def render_page(self, paths):
        """Fetch all images of a page in parallel, like the page renderer does."""
        with ThreadPoolExecutor(self.workers) as pool:
            return list(pool.map(self.image, paths))

    def close(self):
        self.fetcher.close()

    def warm(self, paths):
        for path, body in zip(paths, self.render_page(paths)):
            self.cache[path] = body
