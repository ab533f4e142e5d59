import asyncio
import re

HREF = re.compile(r'href="([^"]+)"')


async def fetch(port, path, timeout=5.0):
    async def _go():
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            writer.write(f"GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n".encode())
            await writer.drain()
            raw = await reader.read()  # HTTP/1.0: server closes after the body
        finally:
            writer.close()
        head, _, body = raw.partition(b"\r\n\r\n")
        status = int(head.split()[1])
        return status, HREF.findall(body.decode())

    return await asyncio.wait_for(_go(), timeout)
