from .bucket import current_bucket
