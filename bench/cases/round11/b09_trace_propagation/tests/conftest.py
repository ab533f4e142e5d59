import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from spanlite import IdGenerator, Tracer


@pytest.fixture
def exported():
    return []


@pytest.fixture
def seeded_ids():
    return IdGenerator(random.Random(20261207))


class Service:
    """A tiny in-process 'microservice' that traces its handler and calls downstream."""

    def __init__(self, name, exported, downstream=(), ids=None):
        self.tracer = Tracer(name, exported, ids=ids)
        self.downstream = list(downstream)

    def handle(self, route, headers):
        parent = self.tracer.extract(headers)
        with self.tracer.span("%s %s" % (self.tracer.service, route), parent=parent):
            for svc, sub_route in self.downstream:
                with self.tracer.span("call %s" % svc.tracer.service, peer=svc.tracer.service):
                    svc.handle(sub_route, self.tracer.inject({}))
        return 200
