from collections import Counter
from urllib.parse import urlsplit


def crawl_report(results):
    """Summary printed at the end of a crawl run."""
    by_host = Counter(urlsplit(r["url"]).hostname for r in results)
    digests = Counter(r["digest"] for r in results)
    duplicates = sorted(r["url"] for r in results if digests[r["digest"]] > 1)
    total = sum(r["length"] for r in results)
    return {
        "pages": len(results),
        "hosts": dict(sorted(by_host.items())),
        "bytes": total,
        "avg_bytes": total // len(results) if results else 0,
        "duplicate_pages": duplicates,
    }
