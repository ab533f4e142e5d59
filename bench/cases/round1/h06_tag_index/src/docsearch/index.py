"""Tag -> document index with lock-free readers.

Readers grab ``self._postings`` once and never see a half-updated mapping:
writers build a new mapping and publish it with a single assignment.
"""


class TagIndex:
    def __init__(self):
        self._postings = {}      # tag -> frozenset of doc ids
        self._docs = {}          # doc id -> title

    def add(self, doc_id, title, tags):
        self._docs[doc_id] = title
        snapshot = self._postings
        updated = dict(snapshot)
        for tag in tags:
            updated[tag] = updated.get(tag, frozenset()) | {doc_id}
        self._postings = updated

    def remove(self, doc_id):
        self._docs.pop(doc_id, None)
        updated = {t: ids - {doc_id} for t, ids in self._postings.items()}
        self._postings = {t: ids for t, ids in updated.items() if ids}

    def search(self, *tags):
        postings = self._postings
        if not tags:
            return []
        hits = set.intersection(*(set(postings.get(t, ())) for t in tags))
        return sorted(hits)

    def titles(self, *tags):
        return [self._docs[d] for d in self.search(*tags)]

    def tag_counts(self):
        return {t: len(ids) for t, ids in sorted(self._postings.items())}

    def __len__(self):
        return len(self._docs)
