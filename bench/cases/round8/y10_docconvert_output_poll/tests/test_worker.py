from docconv.worker import analyse


def test_analyse_counts_words():
    r = analyse("one two three\n\nfour five")
    assert r["total_words"] == 5
    assert [p["words"] for p in r["paragraphs"]] == [3, 2]


def test_tokens_are_normalised():
    r = analyse("Hello, World!")
    assert r["paragraphs"][0]["tokens"] == ["hello", "world"]


def test_blank_paragraphs_ignored():
    assert len(analyse("a\n\n\n\n\nb")["paragraphs"]) == 2
