import argparse
import os
import sys

from . import keys
from .archive import create_archive
from .manifest import write_manifest


def build_parser():
    p = argparse.ArgumentParser(prog="vaultbak")
    sub = p.add_subparsers(dest="cmd", required=True)
    init = sub.add_parser("init", help="create the repository and its key")
    init.add_argument("repo")
    run = sub.add_parser("run", help="back up a directory")
    run.add_argument("source")
    run.add_argument("repo")
    run.add_argument("--name", default="snapshot")
    return p


def main(argv=None, out=sys.stdout):
    args = build_parser().parse_args(argv)
    if args.cmd == "init":
        keys.harden_process()
        os.makedirs(args.repo, exist_ok=True)
        keys.new_keyfile(os.path.join(args.repo, "repo.key"))
        print(f"initialised {args.repo}", file=out)
        return 0
    target, digests = create_archive(args.source, args.repo, args.name)
    write_manifest(args.repo, args.name, digests)
    print(f"{len(digests)} files -> {target}", file=out)
    return 0
