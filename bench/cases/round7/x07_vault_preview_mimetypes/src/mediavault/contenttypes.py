import mimetypes

FALLBACK = "application/octet-stream"

INLINE_SAFE = {"image/png", "image/jpeg", "image/gif", "text/plain", "application/pdf"}


def guess_content_type(filename):
    ctype, encoding = mimetypes.guess_type(filename, strict=False)
    if encoding is not None:
        # compressed uploads are stored as opaque blobs
        return FALLBACK
    return ctype or FALLBACK


def register_types(mapping):
    for ext, ctype in mapping.items():
        mimetypes.add_type(ctype, ext)


def is_inline_safe(ctype):
    return ctype in INLINE_SAFE
