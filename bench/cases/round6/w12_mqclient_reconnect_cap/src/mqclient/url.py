from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

DEFAULT_PORTS = {"amqp": 5672, "amqps": 5671}


@dataclass(frozen=True)
class BrokerUrl:
    scheme: str
    host: str
    port: int
    vhost: str
    user: str = "guest"
    password: str = "guest"
    heartbeat: int = 60

    @property
    def tls(self):
        return self.scheme == "amqps"


def parse_broker_url(url):
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS:
        raise ValueError(f"unsupported scheme {parts.scheme!r}")
    query = parse_qs(parts.query)
    vhost = unquote(parts.path[1:]) if len(parts.path) > 1 else "/"
    return BrokerUrl(
        parts.scheme,
        parts.hostname or "localhost",
        parts.port or DEFAULT_PORTS[parts.scheme],
        vhost,
        unquote(parts.username) if parts.username else "guest",
        unquote(parts.password) if parts.password else "guest",
        int(query.get("heartbeat", ["60"])[0]),
    )
