import importlib

_FORMATS = {"csv": "csv_file", "json": "json_file"}


def load_exporter(fmt):
    try:
        module_name = _FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}") from None
    module = importlib.import_module(f"{__name__}.{module_name}")
    return module.Exporter()
