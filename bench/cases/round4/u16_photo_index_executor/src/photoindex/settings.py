from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    io_threads: int = 4
    health_timeout: float = 0.1
    thumb_size: int = 256
