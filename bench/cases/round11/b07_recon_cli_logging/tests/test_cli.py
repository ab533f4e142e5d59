import io

from recon.cli import build_parser, main


def test_parser_counts_verbosity():
    args = build_parser().parse_args(["a.csv", "b.csv", "-vv"])
    assert args.verbose == 2


def test_cli_summary(statement_files):
    out = io.StringIO()
    rc = main(list(statement_files), out=out)
    assert rc == 0
    assert out.getvalue().splitlines() == ["matched 2, unmatched 0, open 1", "open INV-1003"]
