import time

# Devices report at 100 ms resolution; the backend stores ticks, not floats.
RESOLUTION = 0.1


def device_time(resolution: float = RESOLUTION) -> float:
    """Timestamp quantised to the device resolution."""
    ticks = round(time.time() / resolution)
    return round(ticks * resolution, 3)


def server_time() -> float:
    return time.time()
