from devctl.workspace import build_index, write_index
from helpers import run_cli


def test_status_without_index(workspace):
    result = run_cli("status", workspace)
    assert result.returncode == 1
    assert result.stdout.strip() == "no index"


def test_status_lists_changed_files(workspace):
    write_index(workspace, build_index(workspace))
    (workspace / "app" / "models.py").write_text("class Order:\n    id: int\n")
    result = run_cli("status", workspace)
    assert result.stdout.splitlines() == ["3 indexed, 1 changed", "  M app/models.py"]


def test_start_launches_indexer(workspace):
    result = run_cli("start", workspace)
    assert result.returncode == 0
    assert result.stdout.startswith("indexer started")
