import gzip
import os
import tempfile


def archive_day(directory, dest):
    """Concatenate all segments into one gzip file, published atomically."""
    names = sorted(n for n in os.listdir(directory) if n.startswith("segment-"))
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(dest), suffix=".part")
    try:
        with os.fdopen(fd, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
            for name in names:
                with open(os.path.join(directory, name), "rb") as fh:
                    gz.write(fh.read())
        os.replace(tmp, dest)
    except BaseException:
        os.unlink(tmp)
        raise
    return len(names)


def read_archive(path):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return fh.read().splitlines()
