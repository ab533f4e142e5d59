from .clock import SystemClock, ManualClock
from .triggers import IntervalTrigger, OnceTrigger, DailyTrigger
from .scheduler import Scheduler, JobError

__all__ = [
    "SystemClock",
    "ManualClock",
    "IntervalTrigger",
    "OnceTrigger",
    "DailyTrigger",
    "Scheduler",
    "JobError",
]
