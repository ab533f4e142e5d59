"""Exporters by name: a format registers its factory once, reports ask for it by name."""

_EXPORTERS = {}


def register(name, factory):
    _EXPORTERS[name] = factory


def create(name, **options):
    try:
        factory = _EXPORTERS[name]
    except KeyError:
        raise LookupError(f"no exporter registered as {name!r}") from None
    return factory(**options)
