"""Markdown-ish rendering plus remote services used while publishing."""
import html
import random
import time


class SpellService:
    """Client for the editorial spell/style checker."""

    def __init__(self, banned=("utilize",)):
        self.banned = set(banned)

    def check(self, text):
        time.sleep(random.uniform(0.0, 0.06))
        return [w for w in text.lower().split() if w in self.banned]


class Renderer:
    def render(self, body):
        out = []
        for block in body.strip().split("\n\n"):
            block = html.escape(block.strip())
            if block.startswith("# "):
                out.append("<h1>%s</h1>" % block[2:])
            else:
                out.append("<p>%s</p>" % block)
        # thumbnails for embedded images are produced on the media server
        time.sleep(random.uniform(0.005, 0.025))
        return "\n".join(out)
