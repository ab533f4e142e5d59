from .staging import StagingArea
from .quota import QuotaExceeded, UserQuota
from .sweeper import Sweeper

__all__ = ["StagingArea", "QuotaExceeded", "UserQuota", "Sweeper"]
