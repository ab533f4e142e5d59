from .sender import Sender
from .link import Link
