import json


def append_result(fh, record):
    json.dump(record, fh, sort_keys=True)
    fh.write("\n")


def read_results(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]
