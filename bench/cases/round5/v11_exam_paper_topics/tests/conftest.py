import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from examgen.bank import QuestionBank

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def bank():
    return QuestionBank.load(DATA / "bank.json")


@pytest.fixture(scope="session")
def answer_key(bank):
    return {qid: f"answer-{qid}" for qid in bank.questions}


@pytest.fixture
def archived(answer_key):
    """Answers exported from the exam-day system for student s-1042."""
    data = json.loads((DATA / "archive-s-1042.json").read_text())
    return data["answers"]
