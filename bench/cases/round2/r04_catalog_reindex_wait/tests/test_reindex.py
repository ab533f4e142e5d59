from helpers import eventually


def test_reindex_replaces_documents(reindexer, index):
    reindexer.start()
    assert eventually(lambda: reindexer.state == "done"), "reindex did not finish"
    assert len(index) == 110
    assert index.search("brass") == []
    assert index.search("blue lamp")[:2] == ["sku-0017", "sku-0037"]


def test_live_index_usable_during_reindex(reindexer, index):
    reindexer.start()
    assert index.search("kettle") == ["sku-old"]
    assert reindexer.join(2)


def test_second_start_rejected(reindexer):
    import pytest

    reindexer.start()
    with pytest.raises(RuntimeError):
        reindexer.start()
    assert reindexer.join(2)
    assert reindexer.state == "done"


def test_generation_bumps(reindexer, index):
    reindexer.start()
    reindexer.join(2)
    assert index.generation == 1
