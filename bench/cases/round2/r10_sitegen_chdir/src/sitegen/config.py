from dataclasses import dataclass
from pathlib import Path

CONFIG_NAME = "site.cfg"


@dataclass
class SiteConfig:
    title: str = "Untitled site"
    base_url: str = "/"
    output_dir: str = "_site"
    drafts: bool = False


def _parse(text: str) -> dict:
    values = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        key, sep, value = line.partition("=")
        if not sep:
            raise ValueError(f"bad config line: {raw!r}")
        values[key.strip()] = value.strip()
    return values


def load_config(path: str | Path = CONFIG_NAME) -> SiteConfig:
    """Load site.cfg; a missing file means defaults."""
    p = Path(path)
    if not p.exists():
        return SiteConfig()
    values = _parse(p.read_text())
    cfg = SiteConfig()
    for key, value in values.items():
        if not hasattr(cfg, key):
            raise ValueError(f"unknown config key {key!r}")
        default = getattr(cfg, key)
        setattr(cfg, key, value.lower() in ("1", "true", "yes") if isinstance(default, bool) else value)
    return cfg
