import time


def test_first_build_compiles_everything(builder, project):
    assert builder.build() == ["base.scss", "nav.scss"]
    assert (project / "dist" / "base.css").read_text() == "body { color: #222; }\n"


def test_second_build_is_noop(builder):
    builder.build()
    assert builder.build() == []


def test_deleted_output_rebuilt(builder, project):
    builder.build()
    (project / "dist" / "nav.css").unlink()
    assert builder.build() == ["nav.scss"]


def test_edited_source_is_rebuilt_in_watch_mode(builder, project):
    builder.build()
    time.sleep(0.6)  # the developer saves again a moment later
    (project / "styles" / "nav.scss").write_text("nav { background: $brand; height: 3rem; }\n")
    assert builder.build() == ["nav.scss"]
    assert "height: 3rem" in (project / "dist" / "nav.css").read_text()
