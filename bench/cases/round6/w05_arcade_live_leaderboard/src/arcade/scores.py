from dataclasses import dataclass

TIER_BONUS = {"bronze": 0, "silver": 25, "gold": 60, "platinum": 120}


@dataclass(frozen=True)
class ScoreEntry:
    player: str
    points: int
    tier: str = "bronze"
    finished_at: float = 0.0

    @property
    def adjusted(self):
        return self.points + TIER_BONUS.get(self.tier, 0)
