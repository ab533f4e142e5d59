from typeahead.keyboard import backspace, type_text


async def test_short_input_clears_suggestions(box):
    box.suggestions = ["stale"]
    assert box.on_input("c") is None
    assert box.suggestions == []


async def test_single_query(box):
    await box.on_input("tea")
    assert box.suggestions == ["Teapot"]


async def test_typing_shows_results_for_final_text(box, index):
    await type_text(box, "cath")
    await box.idle()
    assert index.queries == ["ca", "cat", "cath"]
    assert box.suggestions == ["Cathode lamp"]


async def test_backspace_to_one_char_clears(box):
    await type_text(box, "do")
    await box.idle()
    await backspace(box, 1)
    await box.idle()
    assert box.suggestions == []
