import html
from dataclasses import dataclass, field


@dataclass
class Page:
    slug: str
    title: str
    body: str
    meta: dict = field(default_factory=dict)

    @property
    def draft(self) -> bool:
        return self.meta.get("draft", "no") in ("yes", "true")


def parse_page(slug: str, text: str) -> Page:
    meta = {}
    lines = text.splitlines()
    if lines and lines[0] == "---":
        end = lines.index("---", 1)
        for line in lines[1:end]:
            k, _, v = line.partition(":")
            meta[k.strip()] = v.strip()
        lines = lines[end + 1:]
    title = meta.pop("title", slug.replace("-", " ").title())
    return Page(slug, title, "\n".join(lines).strip(), meta)


def render_page(page: Page, site_title: str, base_url: str) -> str:
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in page.body.split("\n\n") if p)
    return (f"<html><head><title>{html.escape(page.title)} | {html.escape(site_title)}</title>"
            f"<base href=\"{base_url}\"></head><body>{paras}</body></html>")
