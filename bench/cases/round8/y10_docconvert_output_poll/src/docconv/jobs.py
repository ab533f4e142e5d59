import json
from pathlib import Path

from .runner import spawn_worker, wait_for_output


class ConversionJob:
    def __init__(self, source, outdir):
        self.source = Path(source)
        self.outdir = Path(outdir)
        self.proc = None

    @property
    def output(self):
        return self.outdir / (self.source.stem + ".json")

    def start(self):
        self.outdir.mkdir(parents=True, exist_ok=True)
        self.proc = spawn_worker(self.source, self.output)
        return self

    def result(self):
        wait_for_output(self.output)
        with open(self.output, encoding="utf-8") as fh:
            data = json.load(fh)
        return data

    def cleanup(self):
        if self.proc is not None:
            self.proc.wait(timeout=5)


def word_count(source, outdir):
    job = ConversionJob(source, outdir).start()
    try:
        return job.result()["total_words"]
    finally:
        job.cleanup()
