import json

import pytest

from conftest import DATA
from examgen.grading import RegradeMismatch, grade, regrade
from examgen.paper import build_paper


def test_grade_counts_points_of_correct_answers(bank, answer_key):
    paper = build_paper(bank, "s-5000")
    answers = {q.id: answer_key[q.id] for q in paper.questions[:2]}
    assert grade(paper, answers, answer_key) == sum(q.points for q in paper.questions[:2])


def test_regrade_rejects_foreign_answers(bank, answer_key):
    with pytest.raises(RegradeMismatch):
        regrade(bank, "s-5000", {"nope-1": "x"}, answer_key)


def test_regrade_reproduces_exam_day_score(bank, answer_key, archived):
    expected = json.loads((DATA / "archive-s-1042.json").read_text())["score"]
    assert regrade(bank, "s-1042", archived, answer_key) == expected
