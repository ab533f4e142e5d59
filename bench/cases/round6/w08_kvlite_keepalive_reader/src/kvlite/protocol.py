class KVError(Exception):
    pass


class ProtocolError(KVError):
    pass


def encode_command(*args):
    for a in args:
        if any(ch in str(a) for ch in " \r\n"):
            raise ValueError(f"argument {a!r} contains whitespace")
    return (" ".join(str(a) for a in args) + "\r\n").encode()


def parse_reply(line):
    if not line:
        raise ProtocolError("connection closed")
    text = line.decode().rstrip("\r\n")
    tag, body = text[:1], text[1:]
    if tag == "+":
        return body
    if tag == ":":
        return int(body)
    if tag == "_":
        return None
    if tag == "-":
        raise KVError(body)
    raise ProtocolError(f"unexpected reply {text!r}")
