"""Line-based relay server on 127.0.0.1: PUB <topic> <msg> / GET <topic>."""
import asyncio
from collections import defaultdict


class RelayServer:
    def __init__(self):
        self._topics = defaultdict(list)
        self._server = None
        self.port = None

    async def start(self):
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self.port

    async def _handle(self, reader, writer):
        try:
            while True:
                line = await reader.readline()
                if not line:
                    break
                cmd, _, rest = line.decode().rstrip("\n").partition(" ")
                if cmd == "PUB":
                    topic, _, msg = rest.partition(" ")
                    self._topics[topic].append(msg)
                    writer.write(b"OK %d\n" % len(self._topics[topic]))
                elif cmd == "GET":
                    msgs = self._topics.get(rest, [])
                    writer.write(("%d %s\n" % (len(msgs), "|".join(msgs))).encode())
                else:
                    writer.write(b"ERR unknown command\n")
                await writer.drain()
        finally:
            writer.close()

    async def stop(self):
        self._server.close()
        await self._server.wait_closed()
