from dataclasses import dataclass, field


@dataclass
class Label:
    lines: list
    face: str = "dejavu"
    copies: int = 1
    meta: dict = field(default_factory=dict)


def render_line(font, text):
    cols = []
    for ch in text:
        code = font["glyphs"].get(ch, 0)
        cols.extend([code] * font["width"])
    return cols


def render_label(fonts, label):
    font = fonts.get(label.face)
    raster = [render_line(font, line) for line in label.lines]
    width = max((len(r) for r in raster), default=0)
    raster = [r + [0] * (width - len(r)) for r in raster]
    return {"width": width, "height": len(raster) * 12, "raster": raster, "copies": label.copies}
