from .client import CrmClient
from .quota import QuotaExceeded, TokenBucket

__all__ = ["CrmClient", "QuotaExceeded", "TokenBucket"]
