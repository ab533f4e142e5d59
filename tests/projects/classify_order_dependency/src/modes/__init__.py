from .mode import current_mode, enable_debug
