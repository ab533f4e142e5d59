from dataclasses import dataclass, field
from datetime import date


@dataclass
class Ticket:
    id: int
    subject: str
    status: str
    priority: str
    team: str
    opened: date
    tags: list = field(default_factory=list)


SAMPLE = [
    Ticket(101, "Printer on fire", "open", "urgent", "facilities", date(2026, 11, 2), ["hardware"]),
    Ticket(102, "VPN drops hourly", "open", "high", "network", date(2026, 11, 3), ["vpn"]),
    Ticket(103, "New laptop for Ana", "pending", "normal", "it", date(2026, 11, 4), ["onboarding"]),
    Ticket(104, "Password reset", "closed", "normal", "it", date(2026, 11, 5), []),
    Ticket(105, "Wi-Fi in room 4", "open", "normal", "network", date(2026, 11, 6), ["wifi"]),
    Ticket(106, "Badge reader broken", "open", "high", "facilities", date(2026, 11, 7), ["hardware"]),
    Ticket(107, "Expense tool 500s", "pending", "urgent", "apps", date(2026, 11, 8), []),
]
