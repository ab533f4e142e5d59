from .dispatch import Dispatcher
from .mailbox import AssignmentMailbox
from .routing import RoutePlanner

__all__ = ["AssignmentMailbox", "Dispatcher", "RoutePlanner"]
