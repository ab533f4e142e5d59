"""One crawl shard: ``python -m crawlshard.shard RESULTS URL...``."""
import sys

from .pages import extract, fake_fetch
from .resultlog import append_result


def main(results_path, urls):
    with open(results_path, "a") as fh:
        for url in urls:
            append_result(fh, extract(url, fake_fetch(url)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
