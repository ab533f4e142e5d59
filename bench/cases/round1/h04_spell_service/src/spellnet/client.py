"""Blocking client for the spell-check service."""
import socket


class SpellError(Exception):
    pass


class SpellClient:
    def __init__(self, host, port, timeout=2.0):
        self._sock = socket.create_connection((host, port), timeout=timeout)
        self._file = self._sock.makefile("rwb")

    def _ask(self, line):
        self._file.write((line + "\n").encode("utf-8"))
        self._file.flush()
        reply = self._file.readline().decode("utf-8").rstrip("\n")
        if not reply:
            raise SpellError("connection closed")
        if reply.startswith("ERR"):
            raise SpellError(reply[4:])
        return reply

    def check(self, word):
        return self._ask("CHECK " + word) == "OK"

    def suggest(self, word):
        reply = self._ask("SUGGEST " + word)
        body = reply[len("SUGG "):]
        return [w for w in body.split(",") if w]

    def close(self):
        try:
            self._ask("QUIT")
        except (SpellError, OSError):
            pass
        self._file.close()
        self._sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
