"""Cache-Control parsing (the subset a client cache cares about)."""


def parse_cache_control(value):
    """Return a dict of directives; valueless directives map to True."""
    directives = {}
    for part in (value or "").split(","):
        part = part.strip()
        if not part:
            continue
        name, sep, arg = part.partition("=")
        name = name.strip().lower()
        if not sep:
            directives[name] = True
            continue
        arg = arg.strip().strip('"')
        directives[name] = int(arg) if arg.isdigit() else arg
    return directives


def max_age_of(headers):
    cc = parse_cache_control(headers.get("Cache-Control"))
    if cc.get("no-store") or cc.get("no-cache"):
        return None
    age = cc.get("s-maxage", cc.get("max-age"))
    return age if isinstance(age, int) else None
