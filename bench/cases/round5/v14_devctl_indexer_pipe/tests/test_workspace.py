from devctl.workspace import build_index, read_index, write_index


def test_index_skips_ignored_dirs(workspace):
    assert sorted(build_index(workspace)) == ["README.md", "app/main.py", "app/models.py"]


def test_index_round_trip(workspace):
    write_index(workspace, build_index(workspace))
    assert read_index(workspace) == build_index(workspace)


def test_missing_index_reads_as_none(tmp_path):
    assert read_index(tmp_path) is None
