import time


def day_key(ts):
    """Calendar day (in the server's local time) that a timestamp falls on."""
    return time.strftime("%Y-%m-%d", time.localtime(ts))


def clock_label(ts):
    return time.strftime("%H:%M", time.localtime(ts))


def day_start(ts):
    tm = time.localtime(ts)
    return time.mktime((tm.tm_year, tm.tm_mon, tm.tm_mday, 0, 0, 0, 0, 0, -1))
