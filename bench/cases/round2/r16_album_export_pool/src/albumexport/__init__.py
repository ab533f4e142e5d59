from .models import Album, Photo
from .exporter import Exporter, ExportTimeout
from .sync import SyncScheduler

__all__ = ["Album", "Photo", "Exporter", "ExportTimeout", "SyncScheduler"]
