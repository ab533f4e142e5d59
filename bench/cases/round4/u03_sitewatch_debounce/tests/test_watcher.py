import time

from editor import save_like_vim


def test_ignores_swap_and_hidden_files(watcher):
    assert not watcher.relevant("/x/.index.md")
    assert not watcher.relevant("/x/index.md.swp")
    assert watcher.relevant("/x/index.md")


def test_ignored_events_do_not_build(watcher, builder):
    watcher.on_event("opened", "/x/index.md")
    watcher.on_event("modified", "/x/index.md~")
    time.sleep(0.1)
    assert builder.builds == []


def test_burst_of_changes_builds_once(watcher, builder, site):
    for name in ("index.md", "about.md", "index.md"):
        watcher.on_event("modified", site / name)
    assert watcher.settle()
    assert builder.builds == [["about.md", "index.md"]]


def test_editor_save_triggers_single_rebuild(watcher, builder, site):
    save_like_vim(watcher, site / "index.md", "# Home\nUpdated.\n").join()
    assert watcher.settle()
    time.sleep(0.1)
    assert len(builder.builds) == 1, builder.builds
    assert (builder.out / "index.html").read_text().endswith("<p>Updated.</p>")


def test_separate_saves_build_separately(watcher, builder, site):
    watcher.on_event("modified", site / "index.md")
    assert watcher.settle()
    watcher.on_event("modified", site / "about.md")
    assert watcher.settle()
    assert builder.builds == [["index.md"], ["about.md"]]
