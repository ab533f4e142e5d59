import csv
import io

import pytest

from surveykit import answer_columns, clean_answer, parse_responses, summary, to_csv


def test_clean_answer():
    assert clean_answer("  a   b ") == "a b"
    assert clean_answer("   ") is None
    assert clean_answer(3) == 3


def test_parse_reports_bad_line():
    with pytest.raises(ValueError, match="line 2"):
        parse_responses(['{"id": 1}', "{oops"])


def test_blank_answers_dropped(responses):
    assert responses[2].answers == {"team": "Data"}


def test_summary(responses):
    assert summary(responses, "team") == [("Data", 2), ("Platform", 1)]


def test_rows_line_up_with_header(responses):
    rows = list(csv.DictReader(io.StringIO(to_csv(responses))))
    assert rows[1]["team"] == "Platform" and rows[1]["remote"] == "no"


def test_sheet_matches_analyst_template(responses):
    assert to_csv(responses).splitlines() == [
        "id,team,remote",
        "101,Data,yes",
        "102,Platform,no",
        "103,Data,",
    ]
