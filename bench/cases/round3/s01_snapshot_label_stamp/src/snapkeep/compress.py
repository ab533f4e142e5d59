"""Packing of volume files into a single compressed blob.

The packer reads in fixed-size chunks and yields between chunks so that a
snapshot of a busy volume does not starve the disk for other tenants.
"""
import hashlib
import io
import json
import time
import zlib

CHUNK = 8192


class ThrottledPacker:
    def __init__(self, pause_per_chunk=0.014):
        self.pause_per_chunk = pause_per_chunk

    def _read_chunks(self, data):
        buf = io.BytesIO(data)
        chunk = buf.read(CHUNK)
        while chunk:
            yield chunk
            chunk = buf.read(CHUNK)
            if chunk:
                time.sleep(self.pause_per_chunk)

    def pack(self, files):
        index = []
        body = bytearray()
        for name in sorted(files):
            data = files[name]
            start = len(body)
            for chunk in self._read_chunks(data):
                body.extend(chunk)
            index.append({"name": name, "offset": start, "length": len(data)})
        header = json.dumps(index).encode()
        raw = len(header).to_bytes(4, "big") + header + bytes(body)
        return zlib.compress(raw, 6)

    def unpack(self, blob):
        raw = zlib.decompress(blob)
        size = int.from_bytes(raw[:4], "big")
        index = json.loads(raw[4:4 + size])
        body = raw[4 + size:]
        return {e["name"]: body[e["offset"]:e["offset"] + e["length"]] for e in index}

    @staticmethod
    def checksum(blob):
        return hashlib.sha256(blob).hexdigest()
