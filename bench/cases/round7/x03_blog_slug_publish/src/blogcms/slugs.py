import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(title, max_length=60):
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = _NON_WORD.sub("-", text.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "post"


def unique_slug(base, taken):
    """Return base, or base-2, base-3 ... whichever is not taken yet."""
    if not taken(base):
        return base
    n = 2
    while taken("%s-%d" % (base, n)):
        n += 1
    return "%s-%d" % (base, n)
