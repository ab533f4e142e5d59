from .farm import RenderFarm, RenderTimeout
from .scene import Scene, rasterize

__all__ = ["RenderFarm", "RenderTimeout", "Scene", "rasterize"]
