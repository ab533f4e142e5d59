from .keystore import KeyStore
from .bundle import write_bundle, read_bundle

__all__ = ["KeyStore", "write_bundle", "read_bundle"]
