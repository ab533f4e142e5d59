//! JUnit XML as pytest writes it (`--junitxml`): where a job's command line
//! says it goes, and its test cases read with quick-xml's serde support,
//! keyed the way pytest names them (`classname`, `name`) so they can be
//! matched to the node ids the trace shows.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::run::Outcome;

/// The `--junitxml` (or `--junit-xml`) path on a pytest command line,
/// made absolute against the job's working directory `cwd`.
pub fn junit_path(argv: &[String], cwd: &str) -> Option<PathBuf> {
    let mut it = argv.iter();
    while let Some(a) = it.next() {
        for opt in ["--junitxml", "--junit-xml"] {
            let value = if a == opt {
                it.next().cloned()
            } else {
                a.strip_prefix(opt).and_then(|r| r.strip_prefix('=')).map(str::to_string)
            };
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                return Some(Path::new(cwd).join(v));
            }
        }
    }
    None
}

/// pytest's JUnit name of a node id (`junitxml.mangle_test_address`):
/// `tests/test_x.py::TestC::test_y[a]` is class `tests.test_x.TestC`,
/// name `test_y[a]`.
pub fn junit_key(nodeid: &str) -> (String, String) {
    let (path, params) = match nodeid.find('[') {
        Some(i) => nodeid.split_at(i),
        None => (nodeid, ""),
    };
    let mut names: Vec<String> = path.split("::").map(str::to_string).collect();
    names[0] = names[0].replace('/', ".");
    if let Some(s) = names[0].strip_suffix(".py") {
        names[0] = s.to_string();
    }
    let last = names.len() - 1;
    names[last].push_str(params);
    let name = names.pop().unwrap_or_default();
    (names.join("."), name)
}

/// One `<testcase>` of the report, in file order.
#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    pub classname: String,
    pub name: String,
    pub outcome: Outcome,
    /// Seconds, as pytest measured the test.
    pub time_s: f64,
}

#[derive(Deserialize, Default)]
struct Suite {
    #[serde(rename = "testsuite", default)]
    suites: Vec<Suite>,
    #[serde(rename = "testcase", default)]
    cases: Vec<RawCase>,
}

#[derive(Deserialize)]
struct RawCase {
    #[serde(rename = "@classname", default)]
    classname: String,
    #[serde(rename = "@name", default)]
    name: String,
    #[serde(rename = "@time", default)]
    time: Option<String>,
    #[serde(default)]
    failure: Vec<serde::de::IgnoredAny>,
    #[serde(default)]
    error: Vec<serde::de::IgnoredAny>,
    #[serde(default)]
    skipped: Vec<serde::de::IgnoredAny>,
}

fn collect(s: Suite, out: &mut Vec<Case>) {
    for c in s.cases {
        let outcome = if !c.failure.is_empty() {
            Outcome::Failed
        } else if !c.error.is_empty() {
            Outcome::Error
        } else if !c.skipped.is_empty() {
            Outcome::Skipped
        } else {
            Outcome::Passed
        };
        let time_s = c.time.and_then(|t| t.trim().parse().ok()).unwrap_or(0.0);
        out.push(Case { classname: c.classname, name: c.name, outcome, time_s });
    }
    for inner in s.suites {
        collect(inner, out);
    }
}

/// The test cases of a JUnit XML report (root `<testsuites>` or a single
/// `<testsuite>`), in document order.
pub fn parse(xml: &str) -> anyhow::Result<Vec<Case>> {
    let root: Suite = quick_xml::de::from_str(xml).map_err(|e| anyhow::anyhow!("not JUnit XML: {e}"))?;
    let mut out = vec![];
    collect(root, &mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_report_path_on_the_command_line() {
        let v = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        assert_eq!(junit_path(&v("python -m pytest --junitxml=out/j.xml tests"), "/p"), Some(PathBuf::from("/p/out/j.xml")));
        assert_eq!(junit_path(&v("pytest --junit-xml /tmp/j.xml"), "/p"), Some(PathBuf::from("/tmp/j.xml")));
        assert_eq!(junit_path(&v("pytest --junitxml"), "/p"), None);
        assert_eq!(junit_path(&v("pytest tests"), "/p"), None);
    }

    #[test]
    fn keys_like_pytest() {
        assert_eq!(junit_key("tests/test_x.py::TestC::test_y[a/b::c]"), ("tests.test_x.TestC".into(), "test_y[a/b::c]".into()));
        assert_eq!(junit_key("test_r.py::test_a"), ("test_r".into(), "test_a".into()));
    }

    #[test]
    fn reads_outcomes_and_repeated_cases() {
        // pytest 8/9 with pytest-rerunfailures: a rerun attempt is one more <testcase>
        let xml = r#"<?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests"><testsuite name="pytest" errors="1" failures="1" skipped="1" tests="5" time="0.3">
<testcase classname="test_r" name="test_a" time="0.001" />
<testcase classname="test_r" name="test_a" time="0.025"><system-out>hi</system-out></testcase>
<testcase classname="test_r" name="test_b" time="0.5"><failure message="assert 0">trace</failure></testcase>
<testcase classname="test_r" name="test_c" time="0"><error message="fixture">x</error></testcase>
<testcase classname="test_r" name="test_d" time="0"><skipped type="pytest.skip" message="no">s</skipped></testcase>
</testsuite></testsuites>"#;
        let cases = parse(xml).unwrap();
        let got: Vec<_> = cases.iter().map(|c| (c.name.as_str(), c.outcome)).collect();
        assert_eq!(
            got,
            vec![("test_a", Outcome::Passed), ("test_a", Outcome::Passed), ("test_b", Outcome::Failed), ("test_c", Outcome::Error), ("test_d", Outcome::Skipped)]
        );
        assert!((cases[2].time_s - 0.5).abs() < 1e-9);
        // a bare <testsuite> root (older pytest, xunit1)
        let one = parse(r#"<testsuite tests="1"><testcase classname="t" name="x" file="t.py" line="3"/></testsuite>"#).unwrap();
        assert_eq!(one.len(), 1);
        assert!(parse(r#"<testsuites><testcase name="x"></testsuites>"#).is_err());
    }
}
