from conftest import make_docs
from docsearch import ingest_parallel, normalise_tag


def test_normalise_tag():
    assert normalise_tag("  Machine Learning! ") == "machine-learning"
    assert normalise_tag("C++") == "c"


def test_search_intersects_tags(index):
    index.add("a", "A", ["python", "ops"])
    index.add("b", "B", ["python"])
    assert index.search("python") == ["a", "b"]
    assert index.search("python", "ops") == ["a"]
    assert index.search() == []


def test_remove_drops_empty_tags(index):
    index.add("a", "A", ["rust"])
    index.remove("a")
    assert index.tag_counts() == {}
    assert len(index) == 0


def test_titles(index):
    index.add("x", "Intro to Go", ["go"])
    assert index.titles("go") == ["Intro to Go"]


def test_bulk_import_indexes_every_document(index):
    docs = make_docs(2500)
    ingest_parallel(index, docs, workers=4)
    assert len(index) == 2500
    counts = index.tag_counts()
    assert counts["python"] == sum(1 for d in docs if "Python" in d["tags"])
    assert sum(v for k, v in counts.items() if k.startswith("year-")) == 2500
