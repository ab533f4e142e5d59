import os
from pathlib import Path

from .config import load_config
from .pages import parse_page, render_page


def build_site(root: str | Path) -> list[Path]:
    """Build the site whose sources live in `root`; returns written files."""
    root = Path(root)
    os.chdir(root)  # config, content/ and output paths are all relative to the site
    cfg = load_config()
    out = Path(cfg.output_dir)
    out.mkdir(exist_ok=True)
    written = []
    for src in sorted(Path("content").glob("*.md")):
        page = parse_page(src.stem, src.read_text())
        if page.draft and not cfg.drafts:
            continue
        target = out / f"{page.slug}.html"
        target.write_text(render_page(page, cfg.title, cfg.base_url))
        written.append(root / target)
    return written
