from .archive import create_archive, list_members
from .manifest import write_manifest

__all__ = ["create_archive", "list_members", "write_manifest"]
