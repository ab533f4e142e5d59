from drafts import WriteBehindCache, word_count


def test_word_count_ignores_punctuation():
    assert word_count("Hello , world -- again!") == 3


async def test_flush_writes_only_dirty_fields(store):
    cache = WriteBehindCache(store, "d1")
    cache.set("title", "Q3 report")
    cache.set("body", "draft")
    await cache.flush()
    cache.set("title", "Q3 report")
    await cache.flush()
    assert store.puts == 2
    assert not cache.dirty


async def test_unchanged_value_is_not_dirty(store):
    cache = WriteBehindCache(store, "d2")
    cache.set("title", "x")
    await cache.flush()
    cache.set("title", "x")
    assert not cache.dirty
