import csv
import io
import re
from dataclasses import dataclass

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)


class BadRow(ValueError):
    pass


@dataclass(frozen=True)
class Customer:
    id: int
    name: str
    email: str
    country: str


def parse_rows(text):
    reader = csv.DictReader(io.StringIO(text))
    for lineno, row in enumerate(reader, start=2):
        name = (row.get("name") or "").strip()
        email = (row.get("email") or "").strip().lower()
        country = (row.get("country") or "").strip().upper()
        if not name:
            raise BadRow(f"line {lineno}: empty name")
        if not EMAIL_RE.match(email):
            raise BadRow(f"line {lineno}: bad email {email!r}")
        if len(country) != 2:
            raise BadRow(f"line {lineno}: bad country {country!r}")
        yield name, email, country
