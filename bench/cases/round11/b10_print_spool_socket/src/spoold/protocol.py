import json


class ProtocolError(ValueError):
    pass


def encode(message):
    return (json.dumps(message, separators=(",", ":"), sort_keys=True) + "\n").encode()


def decode(line):
    try:
        message = json.loads(line)
    except ValueError as exc:
        raise ProtocolError(str(exc)) from None
    if not isinstance(message, dict) or "op" not in message and "ok" not in message:
        raise ProtocolError("not a spool message: %r" % (line,))
    return message
