"""Survey responses as submitted by the web form (one JSON object per line)."""
import json
from dataclasses import dataclass, field


@dataclass
class Response:
    respondent: str
    answers: dict = field(default_factory=dict)

    def answered(self, question):
        return self.answers.get(question) not in (None, "")


def clean_answer(value):
    if isinstance(value, str):
        value = " ".join(value.split())
        return value if value else None
    return value


def parse_responses(lines):
    out = []
    for n, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError("line %d: %s" % (n, exc.msg)) from None
        rid = str(data.pop("id"))
        answers = {k: clean_answer(v) for k, v in data.items()}
        out.append(Response(rid, {k: v for k, v in answers.items() if v is not None}))
    return out
