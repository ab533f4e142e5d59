from promlite import MetricFamily, parse, render


def test_render_parse_roundtrip():
    fam = MetricFamily("jobs_total", "counter", "Jobs.", {(("queue", "mail"),): 3})
    assert parse(render([fam])) == {'jobs_total{queue="mail"}': 3.0}


def test_render_without_labels():
    fam = MetricFamily("up", "gauge", "Up.", {(): 1})
    assert render([fam]).splitlines()[-1] == "up 1"
