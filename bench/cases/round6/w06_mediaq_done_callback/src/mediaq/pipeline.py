import functools
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from .catalog import Catalog, CatalogEntry
from .encode import encode


@dataclass(frozen=True)
class Asset:
    asset_id: str
    source: str
    profile: str = "web"


class Pipeline:
    def __init__(self, outdir, workers=2, catalog=None):
        self.outdir = outdir
        self.catalog = catalog or Catalog()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="encode")

    def _output_path(self, asset):
        return os.path.join(self.outdir, f"{asset.asset_id}.{asset.profile}.bin")

    def _process(self, asset):
        with open(asset.source, "rb") as f:
            data = f.read()
        out = self._output_path(asset)
        with open(out, "wb") as f:
            f.write(encode(data, asset.profile))
        return out

    def _finished(self, asset, future):
        exc = future.exception()
        if exc is not None:
            self.catalog.put(CatalogEntry(asset.asset_id, "failed", error=str(exc)))
            return
        path = future.result()
        self.catalog.put(CatalogEntry(asset.asset_id, "ready", path, os.path.getsize(path)))

    def submit(self, asset):
        self.catalog.put(CatalogEntry(asset.asset_id, "queued"))
        future = self._pool.submit(self._process, asset)
        future.add_done_callback(functools.partial(self._finished, asset))
        return future

    def close(self):
        self._pool.shutdown(wait=True)
