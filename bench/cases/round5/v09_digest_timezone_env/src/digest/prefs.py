from dataclasses import dataclass, field

VERBS = {"commented on", "merged", "opened", "closed", "reviewed"}


@dataclass
class DigestPrefs:
    member: str
    muted_actors: set = field(default_factory=set)
    verbs: set = field(default_factory=lambda: set(VERBS))
    include_own: bool = False
    max_items: int = 50

    def mute(self, actor):
        if actor == self.member:
            raise ValueError("use include_own to hide your own activity")
        self.muted_actors.add(actor)

    def wants(self, activity):
        if activity.actor in self.muted_actors:
            return False
        if activity.actor == self.member and not self.include_own:
            return False
        return activity.verb in self.verbs


def apply_prefs(prefs, activities):
    kept = [a for a in activities if prefs.wants(a)]
    kept.sort(key=lambda a: a.ts)
    return kept[-prefs.max_items:] if prefs.max_items else kept
