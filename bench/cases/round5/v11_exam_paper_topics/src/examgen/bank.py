import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Question:
    id: str
    topic: str
    points: int
    text: str
    bonus: bool = False


class QuestionBank:
    def __init__(self, name, questions):
        self.name = name
        self.questions = {q.id: q for q in questions}
        self.core_topics = {q.topic for q in questions if not q.bonus}
        self.bonus_topics = {q.topic for q in questions if q.bonus}

    @classmethod
    def load(cls, path):
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(data["name"], [Question(**q) for q in data["questions"]])

    def by_topic(self, topic):
        return sorted((q for q in self.questions.values() if q.topic == topic), key=lambda q: q.id)
