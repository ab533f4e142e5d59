import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import asyncio
import random

import pytest

from kvlite import Client


class MiniKV:
    """Line-protocol key/value server on 127.0.0.1 with a little service time."""

    def __init__(self):
        self.data = {}
        self.server = None

    async def start(self):
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return self.server.sockets[0].getsockname()[:2]

    async def _serve(self, reader, writer):
        while True:
            line = await reader.readline()
            if not line:
                break
            await asyncio.sleep(random.uniform(0.001, 0.016))
            writer.write(self.execute(line.decode().split()).encode() + b"\r\n")
            await writer.drain()
        writer.close()

    def execute(self, parts):
        cmd, args = parts[0].upper(), parts[1:]
        if cmd == "PING":
            return "+PONG"
        if cmd == "GET":
            value = self.data.get(args[0])
            return "_" if value is None else f"+{value}"
        if cmd == "SET":
            self.data[args[0]] = args[1]
            return "+OK"
        if cmd == "INCR":
            try:
                self.data[args[0]] = str(int(self.data.get(args[0], "0")) + 1)
            except ValueError:
                return "-ERR value is not an integer"
            return f":{self.data[args[0]]}"
        if cmd == "DEL":
            return f":{int(self.data.pop(args[0], None) is not None)}"
        return f"-ERR unknown command {cmd}"

    async def stop(self):
        self.server.close()
        await self.server.wait_closed()


@pytest.fixture
async def kv_server():
    srv = MiniKV()
    address = await srv.start()
    yield srv, address
    await srv.stop()


@pytest.fixture
async def client(kv_server):
    _, (host, port) = kv_server
    c = await Client.connect(host, port)
    yield c
    await c.close()
