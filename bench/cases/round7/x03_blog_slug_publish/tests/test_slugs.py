from blogcms.slugs import slugify, unique_slug


def test_slugify_strips_accents_and_punctuation():
    assert slugify("Crème brûlée: a how-to!") == "creme-brulee-a-how-to"


def test_slugify_never_empty():
    assert slugify("!!!") == "post"


def test_unique_slug_counts_up():
    taken = {"notes", "notes-2"}
    assert unique_slug("notes", taken.__contains__) == "notes-3"
