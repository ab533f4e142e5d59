import asyncio

from .protocol import encode_command, parse_reply


class Connection:
    def __init__(self, reader, writer):
        self._reader = reader
        self._writer = writer
        self.commands_sent = 0

    @classmethod
    async def open(cls, host, port, timeout=1.0):
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
        return cls(reader, writer)

    async def call(self, *args):
        self._writer.write(encode_command(*args))
        await self._writer.drain()
        self.commands_sent += 1
        line = await self._reader.readline()
        return parse_reply(line)

    async def close(self):
        self._writer.close()
        try:
            await self._writer.wait_closed()
        except ConnectionError:
            pass
