"""Inline previews for text documents in the web UI."""
from . import contenttypes

TEXT_PREVIEW_TYPES = {".md": "text/plain", ".rst": "text/plain", ".log": "text/plain"}


class PreviewSettings:
    def __init__(self, inline_text=False, max_bytes=256 * 1024):
        self.inline_text = inline_text
        self.max_bytes = max_bytes


def apply_preview_settings(settings):
    if settings.inline_text:
        contenttypes.register_types(TEXT_PREVIEW_TYPES)
    return settings


def preview(obj, settings):
    if not contenttypes.is_inline_safe(obj.content_type):
        return None
    if obj.content_type.startswith("text/"):
        return obj.data[: settings.max_bytes].decode("utf-8", "replace")
    return "<binary %s, %d bytes>" % (obj.content_type, len(obj.data))
