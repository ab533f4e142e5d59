import argparse
import os
import subprocess
import sys
from pathlib import Path

from .workspace import build_index, read_index


def _python_env():
    env = dict(os.environ)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1])
    return env


def cmd_status(args):
    index = read_index(args.root)
    if index is None:
        print("no index")
        return 1
    current = build_index(args.root)
    changed = sorted(k for k in current if index.get(k) != current[k])
    print(f"{len(index)} indexed, {len(changed)} changed")
    for name in changed:
        print(f"  M {name}")
    return 0


def cmd_start(args):
    proc = subprocess.Popen(
        [sys.executable, "-m", "devctl.indexer", str(args.root)],
        env=_python_env(),
    )
    print(f"indexer started (pid {proc.pid}) for {Path(args.root).name}")
    return 0


def main(argv):
    parser = argparse.ArgumentParser(prog="devctl")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, func in (("status", cmd_status), ("start", cmd_start)):
        p = sub.add_parser(name)
        p.add_argument("root", type=Path)
        p.set_defaults(func=func)
    args = parser.parse_args(argv)
    return args.func(args)
