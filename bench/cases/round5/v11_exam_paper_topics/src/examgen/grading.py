from .paper import build_paper


class RegradeMismatch(Exception):
    pass


def grade(paper, answers, key):
    score = 0
    for q in paper.questions:
        if answers.get(q.id) == key.get(q.id):
            score += q.points
    return score


def regrade(bank, student, archived_answers, key):
    """Rebuild the student's paper and grade the answers archived at exam time."""
    paper = build_paper(bank, student)
    unknown = set(archived_answers) - {q.id for q in paper.questions}
    if unknown:
        raise RegradeMismatch(f"{student}: answers for questions not on the paper: {sorted(unknown)}")
    return grade(paper, archived_answers, key)
