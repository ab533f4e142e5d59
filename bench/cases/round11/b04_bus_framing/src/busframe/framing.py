import struct
import zlib

MAGIC = b"BF1"
FLAG_DEFLATE = 0x01
_HEADER = struct.Struct(">BI")
_CRC = struct.Struct(">I")


class FrameError(ValueError):
    pass


class FrameEncoder:
    """Builds wire frames: magic, channel, flags, length, body, crc32.

    Reuses one scratch buffer between frames so high-rate publishers do not
    allocate a new bytearray per message.
    """

    def __init__(self, compress_over=512, level=6):
        self.compress_over = compress_over
        self.level = level
        self._scratch = bytearray()

    def _body(self, payload):
        if len(payload) > self.compress_over:
            return zlib.compress(payload, self.level), FLAG_DEFLATE
        return payload, 0

    def encode(self, channel, payload):
        name = channel.encode("ascii")
        buf = self._scratch
        del buf[:]
        buf += MAGIC
        buf += struct.pack(">H", len(name)) + name
        body, flags = self._body(payload)
        buf += _HEADER.pack(flags, len(body))
        buf += body
        buf += _CRC.pack(zlib.crc32(buf))
        return bytes(buf)


def decode_frame(frame):
    if frame[:3] != MAGIC:
        raise FrameError("bad magic")
    if _CRC.unpack(frame[-4:])[0] != zlib.crc32(frame[:-4]):
        raise FrameError("checksum mismatch")
    (n,) = struct.unpack_from(">H", frame, 3)
    channel = frame[5:5 + n].decode("ascii")
    flags, length = _HEADER.unpack_from(frame, 5 + n)
    start = 5 + n + _HEADER.size
    body = frame[start:start + length]
    if len(body) != length or start + length != len(frame) - 4:
        raise FrameError("length mismatch")
    if flags & FLAG_DEFLATE:
        body = zlib.decompress(body)
    return channel, body
