import pytest

from labelkit import FontNotFound, Label, render_label


def test_lines_padded_to_same_width(fonts):
    out = render_label(fonts, Label(["AB", "ABCD"]))
    assert out["width"] == 4 * 7
    assert all(len(row) == out["width"] for row in out["raster"])


def test_height_per_line(fonts):
    assert render_label(fonts, Label(["x", "y", "z"], face="mono"))["height"] == 36


def test_unknown_face(fonts):
    with pytest.raises(FontNotFound):
        render_label(fonts, Label(["x"], face="comic"))
