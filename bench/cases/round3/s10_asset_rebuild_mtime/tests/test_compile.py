from assetpipe.builder import compile_css


def test_comments_removed():
    assert compile_css("/* x */a{b:c}", {}) == "a{b:c}\n"


def test_variables_substituted():
    assert compile_css("a { color: $ink; }", {"ink": "#000"}) == "a { color: #000; }\n"


def test_unknown_variable_left_alone():
    assert compile_css("a { color: $nope; }", {}) == "a { color: $nope; }\n"
