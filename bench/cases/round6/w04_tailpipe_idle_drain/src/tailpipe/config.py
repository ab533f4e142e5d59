from dataclasses import dataclass


@dataclass
class ShipperConfig:
    batch_size: int = 50
    idle_timeout: float = 0.05
    queue_size: int = 1000
    drop_levels: tuple = ("TRACE",)
