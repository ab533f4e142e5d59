import io
import stat

from vaultbak import list_members
from vaultbak.cli import build_parser, main


def test_parser_requires_command():
    import pytest
    with pytest.raises(SystemExit):
        build_parser().parse_args([])


def test_init_creates_private_key(tmp_path):
    repo = tmp_path / "repo"
    out = io.StringIO()
    assert main(["init", str(repo)], out=out) == 0
    mode = stat.S_IMODE((repo / "repo.key").stat().st_mode)
    assert mode & 0o077 == 0
    assert "initialised" in out.getvalue()


def test_run_reports_file_count(project, tmp_path):
    out = io.StringIO()
    main(["run", str(project), str(tmp_path / "repo"), "--name", "daily"], out=out)
    assert out.getvalue().startswith("2 files")
    assert list_members(tmp_path / "repo" / "daily.tar.gz") == ["README.md", "docs/guide.md"]
