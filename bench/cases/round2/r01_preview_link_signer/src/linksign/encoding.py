import base64
from urllib.parse import parse_qsl, urlencode, urlsplit


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    pad = "=" * (-len(text) % 4)
    return base64.urlsafe_b64decode(text + pad)


def canonical_query(params: dict) -> str:
    """Stable query string: keys sorted, signature excluded."""
    items = sorted((k, str(v)) for k, v in params.items() if k != "sig")
    return urlencode(items)


def split_url(url: str):
    parts = urlsplit(url)
    return parts.path, dict(parse_qsl(parts.query, keep_blank_values=True))
