from .experiment import Experiment, Variant
from .assign import Assigner

__all__ = ["Assigner", "Experiment", "Variant"]
