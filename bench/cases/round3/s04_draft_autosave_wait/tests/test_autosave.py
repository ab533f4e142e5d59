from helpers import eventually, type_text


def test_flush_saves_immediately(doc, autosaver, storage):
    doc.append("Dear team,")
    autosaver.flush(doc)
    assert storage.load("memo-17")["text"] == "Dear team,"


def test_no_save_while_typing(doc, storage):
    type_text(doc, "abc", pause=0.01)
    assert storage.load("memo-17") is None


def test_burst_of_typing_saved_once_after_pause(doc, autosaver, storage):
    type_text(doc, "Quarterly numbers")
    saved = eventually(lambda: storage.load("memo-17"))
    assert saved is not None, "draft was not autosaved"
    assert saved["text"] == "Quarterly numbers"
    assert autosaver.saved_versions == [len("Quarterly numbers")]


def test_close_cancels_pending_save(doc, autosaver, storage):
    doc.append("x")
    autosaver.close()
    assert storage.writes == 0
