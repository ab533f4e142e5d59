from pathlib import Path


class SiteBuilder:
    """Renders every ``*.md`` page in ``src`` to ``out`` (trivially)."""

    def __init__(self, src: Path, out: Path):
        self.src = Path(src)
        self.out = Path(out)
        self.builds = []

    def render(self, text: str) -> str:
        lines = []
        for line in text.splitlines():
            if line.startswith("# "):
                lines.append(f"<h1>{line[2:]}</h1>")
            elif line.strip():
                lines.append(f"<p>{line}</p>")
        return "\n".join(lines)

    def rebuild(self, changed):
        self.out.mkdir(parents=True, exist_ok=True)
        for page in sorted(self.src.glob("*.md")):
            (self.out / (page.stem + ".html")).write_text(self.render(page.read_text()))
        self.builds.append(list(changed))
