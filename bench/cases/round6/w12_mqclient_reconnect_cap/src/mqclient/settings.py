RECONNECT_BASE = 0.5
RECONNECT_CAP = 30.0
RECONNECT_JITTER = 0.2

# a planned wait longer than this means the plan is broken: fail loudly
MAX_SINGLE_WAIT = 33.0
MAX_ATTEMPTS = 12
