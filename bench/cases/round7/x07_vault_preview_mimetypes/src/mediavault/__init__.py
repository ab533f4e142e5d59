from .vault import Vault, StoredObject

__all__ = ["Vault", "StoredObject"]
