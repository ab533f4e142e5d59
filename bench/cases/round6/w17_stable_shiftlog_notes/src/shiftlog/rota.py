from datetime import timedelta

SHIFTS = (("night", 0), ("early", 6), ("late", 14), ("night", 22))


def shift_for(moment, utc_offset_hours=0):
    """Name and calendar day of the shift a moment belongs to at a site."""
    local = moment + timedelta(hours=utc_offset_hours)
    name = "night"
    for label, start in SHIFTS:
        if local.hour >= start:
            name = label
    day = local.date()
    if name == "night" and local.hour < 6:
        day = day - timedelta(days=1)
    return name, day.isoformat()
