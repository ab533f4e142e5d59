from .probes import Probe, ProbeResult, run_probe
from .board import HealthBoard

__all__ = ["Probe", "ProbeResult", "run_probe", "HealthBoard"]
