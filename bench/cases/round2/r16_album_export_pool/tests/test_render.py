from albumexport.models import Photo
from albumexport.render import fit, render_photo


def test_fit_keeps_aspect():
    assert fit(4000, 3000, 1600) == (1600, 1200)


def test_fit_never_upscales():
    assert fit(800, 600, 1600) == (800, 600)


def test_render_is_deterministic():
    p = Photo("p", 100, 50, b"xyz")
    assert render_photo(p, "thumb") == render_photo(p, "thumb")
