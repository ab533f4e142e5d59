import asyncio
import json
import uuid


class VenueClient:
    """One request per connection JSON-lines client for a quoting venue."""

    def __init__(self, name, host, port, timeout=2.0):
        self.name = name
        self.host = host
        self.port = port
        self.timeout = timeout

    async def quote(self, symbol, qty):
        request_id = uuid.uuid4().hex
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(self.host, self.port), self.timeout
        )
        try:
            writer.write(json.dumps({"id": request_id, "symbol": symbol, "qty": qty}).encode() + b"\n")
            await writer.drain()
            line = await asyncio.wait_for(reader.readline(), self.timeout)
        finally:
            writer.close()
            await writer.wait_closed()
        reply = json.loads(line)
        if reply["id"] != request_id:
            raise ValueError("reply for another request")
        return reply
