from .client import fetch
