import asyncio
import random


class SiteServer:
    """Tiny loopback HTTP/1.0 site: pages link to each other, latency is random."""

    def __init__(self, pages, latency=(0.0, 0.02)):
        self.pages = pages  # path -> list of linked paths (None = 404)
        self.latency = latency
        self.hits = {}
        self._server = None
        self.port = None

    async def start(self):
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def _handle(self, reader, writer):
        try:
            line = await reader.readline()
            while (await reader.readline()) not in (b"\r\n", b""):
                pass
            path = line.split()[1].decode()
            self.hits[path] = self.hits.get(path, 0) + 1
            await asyncio.sleep(random.uniform(*self.latency))
            links = self.pages.get(path)
            if links is None:
                writer.write(b"HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n")
            else:
                body = "".join(f'<a href="{l}">{l}</a>\n' for l in links).encode()
                writer.write(b"HTTP/1.0 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
            await writer.drain()
        finally:
            writer.close()

    async def stop(self):
        self._server.close()
        await self._server.wait_closed()
