from .responses import Response, clean_answer, parse_responses
from .export import answer_columns, to_csv, summary

__all__ = ["Response", "clean_answer", "parse_responses", "answer_columns", "to_csv", "summary"]
