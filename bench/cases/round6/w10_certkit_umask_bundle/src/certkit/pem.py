import base64
import textwrap


def armor(kind, payload):
    body = "\n".join(textwrap.wrap(base64.b64encode(payload).decode(), 64))
    return f"-----BEGIN {kind}-----\n{body}\n-----END {kind}-----\n"


def dearmor(text):
    blocks = []
    current = None
    for line in text.splitlines():
        if line.startswith("-----BEGIN "):
            current = (line[11:-5], [])
        elif line.startswith("-----END ") and current:
            blocks.append((current[0], base64.b64decode("".join(current[1]))))
            current = None
        elif current is not None:
            current[1].append(line.strip())
    return blocks
