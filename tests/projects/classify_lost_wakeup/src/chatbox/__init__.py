from .outbox import Outbox
from .link import Link
