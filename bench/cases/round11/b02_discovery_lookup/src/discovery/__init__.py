from .catalog import Instance, parse_instances
from .resolver import Resolver, LookupFailed

__all__ = ["Instance", "parse_instances", "Resolver", "LookupFailed"]
