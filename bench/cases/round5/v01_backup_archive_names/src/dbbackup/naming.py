import re
import time

ARCHIVE_RE = re.compile(r"^(?P<db>[a-z0-9_]+)-(?P<stamp>\d{8}-\d{6})\.json\.gz$")


def archive_stamp(when=None):
    when = time.time() if when is None else when
    return time.strftime("%Y%m%d-%H%M%S", time.gmtime(when))


def archive_name(db_name, when=None):
    return f"{db_name}-{archive_stamp(when)}.json.gz"


def parse_archive_name(name):
    match = ARCHIVE_RE.match(name)
    if not match:
        raise ValueError(f"not a backup archive: {name!r}")
    return match.group("db"), match.group("stamp")
