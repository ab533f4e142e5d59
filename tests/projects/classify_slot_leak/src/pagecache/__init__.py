from .fetcher import Fetcher
