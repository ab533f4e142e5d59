from dataclasses import dataclass


@dataclass(frozen=True)
class WatchSettings:
    # Quiet period after the last change event before a rebuild starts.
    quiet_period: float = 0.05
    # Never postpone a rebuild for longer than this while events keep coming.
    max_delay: float = 2.0
    ignore_suffixes: tuple = ("~", ".swp", ".tmp")


DEFAULT = WatchSettings()
