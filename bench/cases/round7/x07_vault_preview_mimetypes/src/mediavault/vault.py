import hashlib
from dataclasses import dataclass

from .contenttypes import guess_content_type, is_inline_safe
from .previews import PreviewSettings, apply_preview_settings, preview


@dataclass
class StoredObject:
    key: str
    name: str
    data: bytes
    content_type: str

    @property
    def etag(self):
        return hashlib.md5(self.data).hexdigest()


class Vault:
    def __init__(self, preview_settings=None):
        self._objects = {}
        self.preview_settings = apply_preview_settings(preview_settings or PreviewSettings())

    def upload(self, name, data):
        key = hashlib.sha1(name.encode() + data).hexdigest()[:12]
        obj = StoredObject(key, name, data, guess_content_type(name))
        self._objects[key] = obj
        return obj

    def get(self, key):
        return self._objects[key]

    def download_headers(self, key):
        obj = self.get(key)
        disposition = "inline" if is_inline_safe(obj.content_type) else "attachment"
        return {
            "Content-Type": obj.content_type,
            "Content-Disposition": '%s; filename="%s"' % (disposition, obj.name),
            "ETag": '"%s"' % obj.etag,
        }

    def preview(self, key):
        return preview(self.get(key), self.preview_settings)
