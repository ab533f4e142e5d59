"""Background indexer: builds the workspace index, then registers it with the
language server (whose handshake time varies) and exits."""

import random
import sys
import time

from .workspace import build_index, write_index


def language_server_handshake():
    time.sleep(random.uniform(0.1, 0.8))


def main(root):
    entries = build_index(root)
    write_index(root, entries)
    language_server_handshake()
    print(f"indexed {len(entries)} files", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
