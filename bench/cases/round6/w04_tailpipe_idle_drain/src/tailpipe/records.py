from dataclasses import dataclass

LEVELS = ("TRACE", "DEBUG", "INFO", "WARN", "ERROR")


@dataclass(frozen=True)
class LogRecord:
    ts: str
    level: str
    service: str
    message: str


class BadLine(ValueError):
    pass


def parse_line(raw):
    text = raw.decode("utf-8", errors="replace").rstrip("\n")
    parts = text.split(" ", 3)
    if len(parts) != 4 or parts[1] not in LEVELS:
        raise BadLine(text)
    return LogRecord(*parts)
