from typeahead.index import fold


def test_fold_strips_accents():
    assert fold("Café") == "cafe"


async def test_prefix_matches_any_word(index):
    assert await index.search("lamp") == ["Cathode lamp"]


async def test_results_ranked_short_first(index):
    assert (await index.search("cas"))[:2] == ["Castor oil", "Cast iron skillet"]


async def test_accent_insensitive(index):
    assert await index.search("cafe") == ["Café au lait bowl"]
