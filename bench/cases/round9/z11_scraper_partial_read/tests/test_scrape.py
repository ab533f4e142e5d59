import socket

import pytest

from promlite import Scraper
from promlite.scraper import ScrapeError


def test_unknown_path_is_404(endpoints):
    endpoint, _ = endpoints["search"]
    with socket.create_connection(("127.0.0.1", endpoint.port), timeout=1) as sock:
        sock.sendall(b"GET /healthz HTTP/1.0\r\n\r\n")
        reply = sock.makefile("rb").read()
    assert reply.startswith(b"HTTP/1.0 404")


def test_scraper_reports_http_errors():
    with pytest.raises(ScrapeError):
        Scraper({})._read(_FakeSock(b"HTTP/1.0 503 Service Unavailable\r\n\r\n"))


class _FakeSock:
    def __init__(self, data):
        self.data = data

    def recv(self, n):
        chunk, self.data = self.data[:n], self.data[n:]
        return chunk

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_scrape_all_services(endpoints):
    scraper = Scraper({name: ep.port for name, (ep, _) in endpoints.items()})
    results = scraper.scrape()
    for name, (_, counter) in endpoints.items():
        total = sum(v for k, v in results[name].items() if k.startswith(f"{name}_requests_total"))
        assert total == sum(counter.counts.values()), name
