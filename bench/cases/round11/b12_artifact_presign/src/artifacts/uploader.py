import hashlib
import posixpath


class UploadRejected(Exception):
    pass


class Uploader:
    """CI artifact upload: every artifact is malware-scanned before it is stored."""

    def __init__(self, store, signer, scanner, prefix="builds"):
        self.store = store
        self.signer = signer
        self.scanner = scanner
        self.prefix = prefix

    def key_for(self, build, path):
        name = posixpath.basename(path.replace("\\", "/"))
        if not name or name.startswith("."):
            raise ValueError("refusing to upload %r" % path)
        return "%s/%s/%s" % (self.prefix, build, name)

    def upload(self, build, path, data):
        key = self.key_for(build, path)
        url = self.signer.presign("PUT", key)
        verdict = self.scanner.scan(data)
        if verdict != "clean":
            raise UploadRejected("%s: scanner verdict %s" % (key, verdict))
        status, detail = self.store.put(url, data, hashlib.sha256(data).hexdigest())
        if status != 200:
            raise UploadRejected("%s: %d %s" % (key, status, detail))
        return key
