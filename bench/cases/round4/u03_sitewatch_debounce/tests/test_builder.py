def test_render_heading_and_paragraph(builder):
    assert builder.render("# Title\nBody\n\n") == "<h1>Title</h1>\n<p>Body</p>"


def test_rebuild_writes_every_page(builder):
    builder.rebuild(["index.md"])
    assert sorted(p.name for p in builder.out.iterdir()) == ["about.html", "index.html"]
    assert builder.builds == [["index.md"]]
