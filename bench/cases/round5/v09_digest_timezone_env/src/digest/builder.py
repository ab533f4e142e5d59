from collections import OrderedDict

from .days import clock_label, day_key


def group_by_day(activities):
    days = OrderedDict()
    for act in sorted(activities, key=lambda a: a.ts):
        days.setdefault(day_key(act.ts), []).append(act)
    return days


def render_digest(member, activities):
    lines = [f"Activity digest for {member}"]
    for day, acts in group_by_day(activities).items():
        lines.append(f"== {day} ==")
        for act in acts:
            lines.append(f"{clock_label(act.ts)} {act.actor} {act.verb} {act.target}")
    return "\n".join(lines)


def digest_from_feed(member, feed, start, end):
    return render_digest(member, feed.between(start, end))


def personal_digest(prefs, feed, start, end):
    from .prefs import apply_prefs

    return render_digest(prefs.member, apply_prefs(prefs, feed.between(start, end)))
