from .fonts import FontCache, FontNotFound
from .render import Label, render_label
from .service import LabelService, RenderTimeout

__all__ = ["FontCache", "FontNotFound", "Label", "LabelService", "RenderTimeout", "render_label"]
