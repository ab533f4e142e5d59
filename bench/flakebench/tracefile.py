"""End-of-run facts of a flakebpf trace file (`TraceEnd`: events written,
events lost, exit code), read from the file's last frame as
flake-user/src/trace/FORMAT.md lays it out, so that a trace of 10 M events
need not be decoded; for another format version it falls back to the last
line of `flakebpf events --json`."""
import json
import struct
import subprocess
import zlib

FORMAT_VERSION = 2
TAG_END = 3


def _option_i32(body, pos):
    if body[pos] == 0:
        return None, pos + 1
    return struct.unpack_from("<i", body, pos + 1)[0], pos + 5


def _parse_end(body):
    root_pid, end_ns = struct.unpack_from("<IQ", body, 0)
    exit_code, pos = _option_i32(body, 12)
    signal, pos = _option_i32(body, pos)
    lost, events = struct.unpack_from("<QQ", body, pos)
    timed_out, interrupted = body[pos + 16], body[pos + 17]
    if pos + 18 != len(body):
        raise ValueError("end frame of unexpected size")
    return {"root_pid": root_pid, "end_ns": end_ns, "exit_code": exit_code, "signal": signal,
            "lost_events": lost, "events": events, "timed_out": bool(timed_out), "interrupted": bool(interrupted)}


def _read_footer(path):
    with open(path, "rb") as f:
        head = f.read(12)
        if head[:8] != b"FLAKEBPF" or struct.unpack_from("<I", head, 8)[0] != FORMAT_VERSION:
            return None
        f.seek(0, 2)
        size = f.tell()
        f.seek(max(0, size - 64))
        tail = f.read()
    # The body is 32, 36 or 40 bytes (two optional i32s); the CRC tells which.
    for body_len in (32, 36, 40):
        start = len(tail) - 4 - body_len - 5
        if start < 0:
            continue
        length, tag = struct.unpack_from("<IB", tail, start)
        body = tail[start + 5:start + 5 + body_len]
        crc = struct.unpack_from("<I", tail, len(tail) - 4)[0]
        if length == body_len and tag == TAG_END and zlib.crc32(tail[start:start + 5 + body_len]) == crc:
            return _parse_end(body)
    return None


def trace_end(flakebpf, path):
    """The trace's `TraceEnd` as a dict (keys as in `events --json`), or
    None when the trace was cut short."""
    end = _read_footer(path)
    if end is not None:
        return end
    proc = subprocess.Popen([flakebpf, "events", "--json", path], stdout=subprocess.PIPE, text=True)
    last = None
    for line in proc.stdout:
        last = line
    proc.wait()
    return json.loads(last).get("end") if last else None
