"""Flatten responses into a CSV sheet for the analysts."""
import csv
import io
from collections import Counter


def answer_columns(responses):
    """Every question that at least one respondent answered."""
    questions = set()
    for r in responses:
        questions.update(r.answers)
    return list(questions)


def to_csv(responses):
    columns = answer_columns(responses)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["id"] + columns)
    for r in responses:
        writer.writerow([r.respondent] + [r.answers.get(c, "") for c in columns])
    return buf.getvalue()


def summary(responses, question):
    counts = Counter(r.answers[question] for r in responses if r.answered(question))
    return sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
