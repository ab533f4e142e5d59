"""Parallel ingestion of documents into a TagIndex."""
import re
from concurrent.futures import ThreadPoolExecutor

_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise_tag(tag):
    return _NON_WORD.sub("-", tag.strip().lower()).strip("-")


def _ingest_one(index, doc):
    tags = {normalise_tag(t) for t in doc["tags"]}
    tags.discard("")
    index.add(doc["id"], doc["title"], sorted(tags))


def ingest_parallel(index, docs, workers=4):
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for fut in [pool.submit(_ingest_one, index, d) for d in docs]:
            fut.result()
    return len(docs)
