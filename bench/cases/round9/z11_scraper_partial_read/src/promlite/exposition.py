from dataclasses import dataclass, field


@dataclass
class MetricFamily:
    name: str
    kind: str
    help: str
    samples: dict = field(default_factory=dict)  # label tuple -> value


def _labels(pairs):
    if not pairs:
        return ""
    return "{" + ",".join(f'{k}="{v}"' for k, v in pairs) + "}"


def render(families):
    out = []
    for fam in families:
        out.append(f"# HELP {fam.name} {fam.help}")
        out.append(f"# TYPE {fam.name} {fam.kind}")
        for labels, value in sorted(fam.samples.items()):
            out.append(f"{fam.name}{_labels(labels)} {value}")
    return "\n".join(out) + "\n"


def parse(text):
    values = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        key, _, value = line.rpartition(" ")
        values[key] = float(value)
    return values
