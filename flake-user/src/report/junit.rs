//! `--junit FILE`: the session as JUnit XML in the shape Maven Surefire
//! and pytest-rerunfailures give flaky tests, which CI dashboards (Jenkins,
//! GitLab, GitHub test reporters) show as flaky: one `<testsuite>`, one
//! `<testcase>` per test; a flaky test passes with one `<flakyFailure>`
//! (or `<flakyError>`) per failing run — the message of pytest's summary
//! line, the end of its failure section as `<stackTrace>`, the run in
//! `<system-out>` — and the diagnosis in its own `<system-out>`.

use std::io::Cursor;

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use super::failures::{self, Failure};
use super::outputs::{counts_text, diagnosis_text, Session};
use super::{TestReport, Verdict};
use crate::run::outcomes::Outcome;
use crate::run::repeat::Grouping;

type W = Writer<Cursor<Vec<u8>>>;

/// `tests/a/test_b.py::TestC::test_d[1]` → (`tests.a.test_b.TestC`, `test_d[1]`), as pytest's junitxml names it.
pub fn class_and_name(nodeid: &str) -> (String, String) {
    let mut parts: Vec<&str> = nodeid.split("::").collect();
    let name = if parts.len() > 1 { parts.pop().unwrap_or_default().to_string() } else { nodeid.to_string() };
    let mut class = parts.first().map(|f| f.trim_end_matches(".py").replace('/', ".")).unwrap_or_default();
    for p in parts.iter().skip(1) {
        class.push('.');
        class.push_str(p);
    }
    (class, name)
}

/// Characters XML 1.0 cannot hold (terminal escapes in a log) left out.
fn xml_text(s: &str) -> String {
    s.chars().filter(|&c| matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')).collect()
}

/// Seconds in Surefire's time format (`12.345`).
fn secs(s: f64) -> String {
    format!("{:.3}", s.max(0.0))
}

/// One failing attempt of a test.
struct Attempt {
    run: u32,
    error: bool,
    failure: Option<Failure>,
}

/// The failing attempts of `t`, run by run.
fn attempts(s: &Session, grouping: &Grouping, t: &TestReport) -> Vec<Attempt> {
    let mut out = vec![];
    for run in s.runs {
        for o in run.outcomes.iter().filter(|o| grouping.base(&o.nodeid) == t.nodeid && o.outcome.is_bad()) {
            let failure = run.log_path.as_deref().and_then(|p| failures::in_log_file(p, &o.nodeid));
            out.push(Attempt { run: run.index, error: o.outcome == Outcome::Error, failure });
        }
    }
    out
}

/// The mean duration of `t` over its executions (seconds).
fn mean_duration(s: &Session, grouping: &Grouping, t: &TestReport) -> f64 {
    let d: Vec<f64> = s.runs.iter().flat_map(|r| &r.outcomes).filter(|o| grouping.base(&o.nodeid) == t.nodeid).map(|o| o.duration_s).collect();
    if d.is_empty() {
        0.0
    } else {
        d.iter().sum::<f64>() / d.len() as f64
    }
}

fn text_element(w: &mut W, name: &str, text: &str) -> std::io::Result<()> {
    w.create_element(name).write_text_content(BytesText::new(&xml_text(text)))?;
    Ok(())
}

/// `<flakyFailure>`, `<flakyError>`: message, type, stack trace, run.
fn write_flaky(w: &mut W, a: &Attempt) -> std::io::Result<()> {
    let f = a.failure.clone().unwrap_or_default();
    let message = if f.message.is_empty() { format!("{} in run {}", if a.error { "error" } else { "failed" }, a.run) } else { f.message.clone() };
    let kind = if !f.kind.is_empty() { f.kind.clone() } else if a.error { "error".into() } else { "failure".into() };
    let trace = if f.excerpt.is_empty() { "(pytest's output of this run shows no failure section)".to_string() } else { f.excerpt.clone() };
    w.create_element(if a.error { "flakyError" } else { "flakyFailure" })
        .with_attribute(("message", xml_text(&message).as_str()))
        .with_attribute(("type", kind.as_str()))
        .write_inner_content(|w| {
            text_element(w, "stackTrace", &trace)?;
            text_element(w, "system-out", &format!("run {}", a.run))
        })?;
    Ok(())
}

fn write_case(w: &mut W, s: &Session, grouping: &Grouping, t: &TestReport) -> std::io::Result<()> {
    let (class, name) = class_and_name(&t.nodeid);
    let attempts = if matches!(t.verdict, Verdict::Flaky | Verdict::Fail) { attempts(s, grouping, t) } else { vec![] };
    let mean = mean_duration(s, grouping, t);
    w.create_element("testcase")
        .with_attribute(("name", name.as_str()))
        .with_attribute(("classname", class.as_str()))
        .with_attribute(("time", secs(mean).as_str()))
        .write_inner_content(|w| {
            match t.verdict {
                Verdict::Flaky => {
                    for a in &attempts {
                        write_flaky(w, a)?;
                    }
                }
                Verdict::Fail => {
                    let first = attempts.first();
                    let f = first.and_then(|a| a.failure.clone()).unwrap_or_default();
                    let message = if f.message.is_empty() { format!("{} ({})", t.verdict, counts_text(t)) } else { f.message };
                    let only_errors = t.outcomes.failed == 0;
                    let kind = if f.kind.is_empty() { if only_errors { "error".to_string() } else { "failure".to_string() } } else { f.kind };
                    w.create_element(if only_errors { "error" } else { "failure" })
                        .with_attribute(("message", xml_text(&message).as_str()))
                        .with_attribute(("type", kind.as_str()))
                        .write_text_content(BytesText::new(&xml_text(&f.excerpt)))?;
                }
                Verdict::Skipped => {
                    w.create_element("skipped").with_attribute(("message", "skipped in every run")).write_empty()?;
                }
                Verdict::Pass => {}
            }
            if matches!(t.verdict, Verdict::Flaky | Verdict::Fail) {
                text_element(w, "system-out", &diagnosis_text(t))?;
            }
            Ok(())
        })?;
    Ok(())
}

/// The JUnit XML document of a session.
pub fn render(s: &Session) -> anyhow::Result<String> {
    let r = s.report;
    let grouping = Grouping::of(s.runs);
    let mut w = Writer::new_with_indent(Cursor::new(Vec::new()), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let count = |v: Verdict| r.tests.iter().filter(|t| t.verdict == v).count().to_string();
    let errors = r.tests.iter().filter(|t| t.verdict == Verdict::Fail && t.outcomes.failed == 0).count();
    let failures = r.tests.iter().filter(|t| t.verdict == Verdict::Fail).count() - errors;
    let total: f64 = r.tests.iter().map(|t| mean_duration(s, &grouping, t)).sum();
    let command = crate::report::table::shell_words(&r.command);
    let props = [
        ("flakebpf.version", r.tool.version.clone()),
        ("flakebpf.command", command),
        ("flakebpf.rootdir", r.rootdir.clone()),
        ("flakebpf.runs", r.runs.to_string()),
        ("flakebpf.python", r.python.clone()),
        ("flakebpf.flaky", count(Verdict::Flaky)),
    ];
    w.create_element("testsuite")
        .with_attribute(("name", "flakebpf"))
        .with_attribute(("tests", r.tests.len().to_string().as_str()))
        .with_attribute(("failures", failures.to_string().as_str()))
        .with_attribute(("errors", errors.to_string().as_str()))
        .with_attribute(("skipped", count(Verdict::Skipped).as_str()))
        .with_attribute(("time", secs(total).as_str()))
        .write_inner_content(|w| {
            w.create_element("properties").write_inner_content(|w| {
                for (k, v) in &props {
                    w.create_element("property").with_attribute(("name", *k)).with_attribute(("value", xml_text(v).as_str())).write_empty()?;
                }
                Ok(())
            })?;
            for t in &r.tests {
                write_case(w, s, &grouping, t)?;
            }
            Ok(())
        })?;
    let mut text = String::from_utf8(w.into_inner().into_inner())?;
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pytest_names() {
        assert_eq!(class_and_name("tests/a/test_b.py::TestC::test_d[1]"), ("tests.a.test_b.TestC".into(), "test_d[1]".into()));
        assert_eq!(class_and_name("test_x.py::test_y"), ("test_x".into(), "test_y".into()));
        assert_eq!(xml_text("a\u{1b}[31mb\n"), "a[31mb\n");
        assert_eq!(secs(1234.56789), "1234.568");
    }
}
