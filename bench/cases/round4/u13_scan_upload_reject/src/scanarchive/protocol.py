"""Wire format.

request:  ``PUT <token> <name> <length>\\n`` followed by ``length`` body bytes
response: ``<code> <message>\\n``
"""

CHUNK = 16 * 1024


class ProtocolError(ValueError):
    pass


def request_line(token, name, length):
    if " " in name or "/" in name:
        raise ProtocolError(f"bad document name {name!r}")
    return f"PUT {token} {name} {length}\n".encode()


def parse_request_line(line):
    parts = line.decode("ascii", "replace").split()
    if len(parts) != 4 or parts[0] != "PUT" or not parts[3].isdigit():
        raise ProtocolError(f"malformed request {line!r}")
    return parts[1], parts[2], int(parts[3])


def response_line(code, message):
    return f"{code} {message}\n".encode()


def parse_response(data):
    code, _, message = data.decode().strip().partition(" ")
    return int(code), message
