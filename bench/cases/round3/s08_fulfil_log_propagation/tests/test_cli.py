import io
import json

from fulfil.cli import main


def _write(tmp_path, name, data):
    p = tmp_path / name
    p.write_text(json.dumps(data))
    return str(p)


def test_cli_full_allocation(tmp_path):
    stock = _write(tmp_path, "stock.json", {"HAM": {"chair": 4}})
    orders = _write(tmp_path, "orders.json", [["chair", 2]])
    out = io.StringIO()
    assert main([stock, orders], stdout=out) == 0
    assert json.loads(out.getvalue())["picks"] == [["HAM", "chair", 2]]


def test_cli_exit_code_on_backorder(tmp_path):
    stock = _write(tmp_path, "stock.json", {"HAM": {"chair": 1}})
    orders = _write(tmp_path, "orders.json", [["chair", 2]])
    assert main([stock, orders, "--quiet"], stdout=io.StringIO()) == 1
