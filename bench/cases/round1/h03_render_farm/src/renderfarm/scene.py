"""A toy scene description and a (deliberately simple) rasterizer."""
from dataclasses import dataclass, field


@dataclass
class Scene:
    name: str
    width: int = 16
    height: int = 8
    boxes: list = field(default_factory=list)   # (x, y, w, h, char)

    def add_box(self, x, y, w, h, char="#"):
        if w <= 0 or h <= 0:
            raise ValueError("box must have a positive size")
        self.boxes.append((x, y, w, h, char))
        return self


def rasterize(scene):
    rows = [[" "] * scene.width for _ in range(scene.height)]
    for x, y, w, h, char in scene.boxes:
        for yy in range(max(y, 0), min(y + h, scene.height)):
            for xx in range(max(x, 0), min(x + w, scene.width)):
                rows[yy][xx] = char
    return "\n".join("".join(r).rstrip() for r in rows).rstrip("\n")
