from .route import first_stop, stop_count
from .catalog import lookup
