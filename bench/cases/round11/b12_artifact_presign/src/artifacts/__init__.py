from .signing import UrlSigner, SignatureError
from .store import ObjectStore
from .uploader import Uploader, UploadRejected

__all__ = ["UrlSigner", "SignatureError", "ObjectStore", "Uploader", "UploadRejected"]
