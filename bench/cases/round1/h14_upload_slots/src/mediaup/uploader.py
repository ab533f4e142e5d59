"""Uploads media to the object store through a limited number of slots."""
import hashlib
import threading

_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".mp4": "video/mp4", ".tar": "application/x-tar"}


def content_type_for(name):
    for ext, ctype in _TYPES.items():
        if name.lower().endswith(ext):
            return ctype
    return "application/octet-stream"


class Uploader:
    def __init__(self, store, slots):
        self.store = store
        self.slots = slots

    def upload(self, name, data):
        digest = hashlib.md5(data).hexdigest()
        with self.slots.slot():
            etag = self.store.put(name, data, content_type_for(name))
            self.store.wait_visible(name, etag)
        if etag != digest:
            raise IOError("checksum mismatch for %s" % name)
        return etag

    def upload_many(self, files):
        results, errors = {}, {}

        def one(name, data):
            try:
                results[name] = self.upload(name, data)
            except Exception as exc:
                errors[name] = exc

        threads = [threading.Thread(target=one, args=f) for f in files]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return results, errors
