from pantry import parse_line, shopping_list


def test_counts_are_summed():
    omelette = [parse_line("3 large eggs"), parse_line("20 g butter")]
    items = dict((item, qty) for item, qty, _ in shopping_list([omelette, omelette]))
    assert items["large eggs"] == 6
    assert items["butter"] == 40


def test_us_pancakes_and_muffins_in_millilitres(pancakes):
    muffins = [parse_line(l) for l in ("2 cups flour", "3/4 cup milk", "2 tsp baking powder")]
    got = {item: (qty, unit) for item, qty, unit in shopping_list([pancakes, muffins])}
    assert got["flour"] == (828.1, "ml")
    assert got["milk"] == (414.0, "ml")
