from flagship import compile_rule
from conftest import SEGMENTS


def test_deny_beats_allow():
    rule = compile_rule("f", {"enabled": True, "allow": ["x"], "deny": ["x"]}, {})
    assert rule.evaluate("x") is False


def test_segment_allow():
    rule = compile_rule("f", {"enabled": True, "percent": 0, "allow_segments": ["press"]}, SEGMENTS)
    assert rule.evaluate("fay") and not rule.evaluate("zed")


def test_percent_is_sticky_per_user():
    rule = compile_rule("f", {"enabled": True, "percent": 50}, {})
    assert [rule.evaluate(u) for u in "abcdef"] == [rule.evaluate(u) for u in "abcdef"]
