"""Incremental CSS bundler: only sources that changed are recompiled."""
import os
import re

from .fsutil import mtime, read_text, write_text
from .manifest import Manifest

_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_VAR = re.compile(r"\$([a-z-]+)")


def compile_css(text, variables):
    text = _COMMENT.sub("", text)
    text = _VAR.sub(lambda m: variables.get(m.group(1), m.group(0)), text)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip()) + "\n"


class Builder:
    def __init__(self, src_dir, out_dir, variables=None):
        self.src_dir = src_dir
        self.out_dir = out_dir
        self.variables = dict(variables or {})
        self.manifest = Manifest(os.path.join(out_dir, ".manifest.json"))
        self.compiled = []

    def _needs_build(self, rel, src_path, out_path):
        if not os.path.exists(out_path):
            return True
        built = self.manifest.built_mtime(rel)
        return built is None or mtime(src_path) > built

    def build(self):
        self.compiled = []
        for name in sorted(os.listdir(self.src_dir)):
            if not name.endswith(".scss"):
                continue
            src_path = os.path.join(self.src_dir, name)
            out_path = os.path.join(self.out_dir, name[:-5] + ".css")
            if not self._needs_build(name, src_path, out_path):
                continue
            write_text(out_path, compile_css(read_text(src_path), self.variables))
            self.manifest.record(name, out_path, mtime(src_path))
            self.compiled.append(name)
        self.manifest.save()
        return list(self.compiled)
