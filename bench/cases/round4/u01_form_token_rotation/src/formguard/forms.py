import html
import re
from dataclasses import dataclass, field

from .tokens import issue_token, verify_token

LINK_RE = re.compile(r"https?://", re.I)


class SpamFilter:
    """Very small heuristic scorer; production wires in the hosted API."""

    def score(self, fields):
        text = " ".join(str(v) for v in fields.values())
        links = len(LINK_RE.findall(text))
        shouting = sum(1 for w in text.split() if len(w) > 3 and w.isupper())
        return min(1.0, 0.3 * links + 0.1 * shouting)


@dataclass
class Submission:
    accepted: bool
    reason: str = ""
    fields: dict = field(default_factory=dict)


class FormService:
    REQUIRED = ("name", "email", "message")

    def __init__(self, ring, spam_filter, spam_threshold=0.8):
        self.ring = ring
        self.spam_filter = spam_filter
        self.spam_threshold = spam_threshold
        self.inbox = []

    def render_contact_form(self, session_id: str) -> str:
        token = issue_token(self.ring, session_id, "contact")
        return (
            '<form method="post" action="/contact">'
            f'<input type="hidden" name="csrf_token" value="{html.escape(token)}">'
            '<input name="name"><input name="email"><textarea name="message"></textarea>'
            "</form>"
        )

    @staticmethod
    def extract_token(page: str) -> str:
        match = re.search(r'name="csrf_token" value="([^"]+)"', page)
        if not match:
            raise LookupError("no csrf token in page")
        return html.unescape(match.group(1))

    def submit_contact(self, session_id: str, data: dict) -> Submission:
        fields = {k: v.strip() for k, v in data.items() if k != "csrf_token"}
        missing = [k for k in self.REQUIRED if not fields.get(k)]
        if missing:
            return Submission(False, "missing: " + ", ".join(missing))
        if "@" not in fields["email"]:
            return Submission(False, "invalid email")
        if self.spam_filter.score(fields) >= self.spam_threshold:
            return Submission(False, "spam")
        if not verify_token(self.ring, data.get("csrf_token", ""), session_id, "contact"):
            return Submission(False, "csrf")
        self.inbox.append(fields)
        return Submission(True, fields=fields)
