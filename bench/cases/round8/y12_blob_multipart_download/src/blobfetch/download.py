from concurrent.futures import ThreadPoolExecutor, as_completed

from .ranges import split_ranges
from .verify import verify_sha256

DEFAULT_PART_SIZE = 96 * 1024


def _fetch_parts(store, key, ranges, workers):
    parts = []
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="range") as pool:
        futures = [pool.submit(store.get_range, key, start, end) for start, end in ranges]
        for fut in as_completed(futures):
            parts.append(fut.result())
    return parts


def download(store, key, part_size=DEFAULT_PART_SIZE, workers=2):
    meta = store.head(key)
    if meta["size"] <= part_size:
        data = store.get_range(key, 0, meta["size"])
    else:
        data = b"".join(_fetch_parts(store, key, split_ranges(meta["size"], part_size), workers))
    verify_sha256(data, meta["sha256"], key)
    return data


def download_to(store, key, path, **kw):
    data = download(store, key, **kw)
    with open(path, "wb") as fh:
        fh.write(data)
    return len(data)
