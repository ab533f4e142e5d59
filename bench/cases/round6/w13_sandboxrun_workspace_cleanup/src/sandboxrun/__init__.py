from .workspace import Workspace, WorkspaceError
from .results import collect_outputs

__all__ = ["Workspace", "WorkspaceError", "collect_outputs"]
