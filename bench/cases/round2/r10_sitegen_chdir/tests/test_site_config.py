import pytest

from sitegen import load_config


def test_defaults_without_config_file():
    cfg = load_config()
    assert cfg.title == "Untitled site"
    assert cfg.base_url == "/"


def test_explicit_config_file(tmp_path):
    p = tmp_path / "other.cfg"
    p.write_text("title = Docs  # the docs site\noutput_dir = public\n")
    cfg = load_config(p)
    assert (cfg.title, cfg.output_dir) == ("Docs", "public")


def test_unknown_key_rejected(tmp_path):
    p = tmp_path / "bad.cfg"
    p.write_text("colour = blue\n")
    with pytest.raises(ValueError):
        load_config(p)
