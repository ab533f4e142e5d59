import pytest

from renderfarm import Scene, rasterize


def test_rasterize_clips_to_canvas():
    s = Scene("clip", width=4, height=2).add_box(2, 1, 10, 10, "*")
    assert rasterize(s) == "\n  **"


def test_box_needs_positive_size():
    with pytest.raises(ValueError):
        Scene("bad").add_box(0, 0, 0, 3)


def test_batch_render(farm, logo):
    ids = [farm.submit(logo) for _ in range(4)]
    outs = [farm.result(i, timeout=3) for i in ids]
    assert outs == ["######\n#....#\n######"] * 4
    assert farm.rendered == 4


def test_render_errors_are_reported(farm):
    broken = Scene("broken")
    broken.boxes.append((0, 0, "wide", 1, "#"))
    job = farm.submit(broken)
    with pytest.raises(TypeError):
        farm.result(job, timeout=3)


def test_preview_pane(preview, logo):
    assert preview(logo).splitlines()[1] == "#....#"
