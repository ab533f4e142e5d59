import asyncio

import pytest

from drafts import DraftSession

from conftest import type_words


async def test_closed_session_rejects_edits(store):
    session = DraftSession(store, "d3")
    async with session:
        session.edit(title="Minutes")
    with pytest.raises(RuntimeError):
        session.edit(title="late")
    assert store.docs["d3"]["title"] == "Minutes"


async def test_autosave_persists_while_open(store):
    async with DraftSession(store, "d4") as session:
        session.edit(title="Release notes", body="first line")
        await asyncio.sleep(0.1)
        assert store.docs["d4"]["body"] == "first line"


async def test_saved_draft_matches_editor_after_close(store):
    words = "the quarterly numbers look better than forecast thanks to the new region".split()
    async with DraftSession(store, "d5") as session:
        session.edit(title="Q3 summary")
        final = await type_words(session, words)
    saved = store.docs["d5"]
    assert saved["title"] == "Q3 summary"
    assert saved["body"] == final
    assert saved["words"] == len(words)
