from .backoff import Backoff
from .supervisor import ConnectionSupervisor, GaveUp
from .url import BrokerUrl, parse_broker_url

__all__ = ["Backoff", "ConnectionSupervisor", "GaveUp", "BrokerUrl", "parse_broker_url"]
