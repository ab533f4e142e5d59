from reportfmt import format_amount, format_percent, render_table


def test_percent():
    assert format_percent(0.125).endswith(" %")


def test_negative_amount_sign():
    assert format_amount(-5, symbol=False).startswith("-5")


def test_monthly_summary_table():
    table = render_table([("Licences", 1200), ("Support", 349.5)])
    assert table.splitlines()[2:] == [
        "Licences  $ 1,200.00",
        "Support     $ 349.50",
    ]


def test_amount_without_symbol():
    assert format_amount(3, symbol=False).replace(",", ".").startswith("3")
