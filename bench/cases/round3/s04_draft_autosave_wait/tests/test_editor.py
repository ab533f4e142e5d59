from drafts import Document


def test_insert_and_delete():
    d = Document("a", "hello")
    d.insert(0, ">> ")
    d.delete(3, 4)
    assert d.text == ">> ello"
    assert d.version == 2


def test_listeners_called_per_edit():
    d = Document("b")
    seen = []
    d.on_change(lambda doc: seen.append(doc.version))
    d.append("x")
    d.append("y")
    assert seen == [1, 2]
