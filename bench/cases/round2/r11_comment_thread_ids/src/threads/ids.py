import uuid


def new_id(kind: str) -> str:
    """Opaque, URL-safe identifier used as primary key and page cursor."""
    return f"{kind}_{uuid.uuid4().hex[:16]}"


def kind_of(ident: str) -> str:
    kind, sep, rest = ident.partition("_")
    if not sep or not rest:
        raise ValueError(f"not an id: {ident!r}")
    return kind
