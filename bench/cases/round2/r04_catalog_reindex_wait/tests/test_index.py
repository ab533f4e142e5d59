from catalog import InvertedIndex, tokenize


def test_tokenize_drops_stopwords():
    assert tokenize("The Kettle of the North") == ["kettle", "north"]


def test_and_query():
    idx = InvertedIndex()
    idx.add("1", "red kettle")
    idx.add("2", "red lamp")
    assert idx.search("red") == ["1", "2"]
    assert idx.search("red lamp") == ["2"]


def test_empty_query():
    assert InvertedIndex().search("the and") == []
