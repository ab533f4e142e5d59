import json
import os
import tempfile
from pathlib import Path


def write_batch(directory, name, readings):
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    payload = [{"meter": r.meter, "seq": r.seq, "kwh": r.kwh, "at": r.taken_at.isoformat()}
               for r in readings]
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".part")
    with os.fdopen(fd, "w") as fh:
        json.dump(payload, fh)
    final = directory / f"{name}.json"
    os.replace(tmp, final)
    return final


def read_batches(directory):
    out = []
    for p in sorted(Path(directory).glob("*.json")):
        out.extend(json.loads(p.read_text()))
    return out
