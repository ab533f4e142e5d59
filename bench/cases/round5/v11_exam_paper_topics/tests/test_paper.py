from examgen.paper import build_paper


def test_paper_covers_every_core_topic(bank):
    paper = build_paper(bank, "s-2001")
    assert paper.topics[:3] == ["algebra", "geometry", "probability"]


def test_paper_has_one_bonus_question(bank):
    paper = build_paper(bank, "s-2001")
    assert sum(1 for q in paper.questions if q.bonus) == 1


def test_same_student_same_paper_within_a_run(bank):
    first = build_paper(bank, "s-2002")
    assert [q.id for q in build_paper(bank, "s-2002").questions] == [q.id for q in first.questions]


def test_papers_differ_between_students(bank):
    papers = {tuple(q.id for q in build_paper(bank, f"s-{n}").questions) for n in range(3000, 3020)}
    assert len(papers) > 5
