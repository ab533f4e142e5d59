import random
from dataclasses import dataclass, field


@dataclass
class Paper:
    student: str
    questions: list = field(default_factory=list)

    @property
    def topics(self):
        return [q.topic for q in self.questions]

    @property
    def total_points(self):
        return sum(q.points for q in self.questions)


def paper_rng(bank, student):
    """Seeded per bank and student, so a paper can be rebuilt for regrading."""
    return random.Random(f"{bank.name}/{student}")


def draw_topics(rng, topics, k):
    return rng.sample(list(topics), k)


def build_paper(bank, student, bonus_per_paper=1):
    rng = paper_rng(bank, student)
    paper = Paper(student)
    for topic in sorted(bank.core_topics):
        paper.questions.append(rng.choice(bank.by_topic(topic)))
    for topic in draw_topics(rng, bank.bonus_topics, bonus_per_paper):
        paper.questions.append(rng.choice(bank.by_topic(topic)))
    return paper
