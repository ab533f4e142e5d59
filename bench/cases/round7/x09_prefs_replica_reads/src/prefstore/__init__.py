from .client import PreferencesClient, InvalidPreference
from .cluster import Cluster
from .nodes import Node

__all__ = ["PreferencesClient", "InvalidPreference", "Cluster", "Node"]
