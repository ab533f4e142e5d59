import time
from dataclasses import dataclass, field

from .ids import new_id


@dataclass
class Comment:
    post_id: str
    author: str
    text: str
    parent_id: str | None = None
    id: str = field(default_factory=lambda: new_id("cmt"))
    created_at: float = field(default_factory=time.time)
    hidden: bool = False

    def preview(self, width: int = 40) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= width else text[: width - 1] + "…"
