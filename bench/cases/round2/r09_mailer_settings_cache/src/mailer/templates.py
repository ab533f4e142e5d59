import string

TEMPLATES = {
    "welcome": ("Welcome to $brand", "Hi $name,\n\nthanks for joining $brand.\n"),
    "receipt": ("Your $brand receipt", "Hi $name,\n\nwe received $amount.\n"),
    "reset": ("Reset your $brand password", "Hi $name,\n\nuse code $code.\n"),
}

FOOTER = "\n--\nYou receive this mail because you have an account at $brand.\n"


def render(name: str, context: dict, footer: bool) -> tuple[str, str]:
    try:
        subject, body = TEMPLATES[name]
    except KeyError:
        raise LookupError(f"no template {name!r}") from None
    if footer:
        body += FOOTER
    return (string.Template(subject).substitute(context),
            string.Template(body).substitute(context))
