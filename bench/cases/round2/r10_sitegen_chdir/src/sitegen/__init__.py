from .config import SiteConfig, load_config
from .build import build_site
from .pages import Page, parse_page

__all__ = ["SiteConfig", "load_config", "build_site", "Page", "parse_page"]
