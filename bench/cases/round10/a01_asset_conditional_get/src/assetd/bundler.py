import os
import re
import time

_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_SPACE = re.compile(r"\s+")


def minify_css(text):
    text = _COMMENT.sub("", text)
    text = _SPACE.sub(" ", text)
    for ch in "{}:;,":
        text = text.replace(" " + ch, ch).replace(ch + " ", ch)
    return text.strip()


class Bundler:
    """Concatenates and minifies stylesheet sources into the document root."""

    def __init__(self, root, step_delay=0.2):
        self.root = root
        self.step_delay = step_delay
        self.builds = 0

    def _postprocess(self, css):
        # autoprefixer / url rewriting runs out of process in production
        time.sleep(self.step_delay)
        return css

    def build(self, sources, target="app.css"):
        parts = []
        for name, text in sources:
            parts.append(self._postprocess(minify_css(text)))
        out = "\n".join(parts).encode()
        path = os.path.join(self.root, target)
        with open(path, "wb") as fh:
            fh.write(out)
        self.builds += 1
        return path
