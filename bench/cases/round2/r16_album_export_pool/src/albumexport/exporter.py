from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from .models import Album
from .render import render_photo


class ExportTimeout(RuntimeError):
    pass


class Exporter:
    """Exports albums on a small shared worker pool."""

    def __init__(self, workers: int = 2, render_timeout: float = 0.5):
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="export")
        self.render_timeout = render_timeout
        self.exported: list[str] = []

    def _render_one(self, photo, size: str) -> dict:
        future = self.pool.submit(render_photo, photo, size)
        try:
            return future.result(timeout=self.render_timeout)
        except FutureTimeout:
            future.cancel()
            raise ExportTimeout(f"photo {photo.photo_id} did not render in time") from None

    def _export(self, album: Album, size: str) -> dict:
        # one photo at a time so a slow photo is reported by name
        renders = [self._render_one(p, size) for p in album.photos]
        self.exported.append(album.album_id)
        return {"album": album.album_id, "title": album.title, "renders": renders}

    def export(self, album: Album, size: str = "web"):
        """Start exporting an album; returns a future of the manifest."""
        return self.pool.submit(self._export, album, size)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
