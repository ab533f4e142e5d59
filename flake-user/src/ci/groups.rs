//! Which inputs of `analyze`/`report` may be compared: runs of the same
//! tests at the same code revision. Two jobs ran "the same tests" when
//! their pytest arguments agree once the options that only change what is
//! written or retried (`--junitxml`, `--reruns`, `-p`, verbosity, ...) are
//! left out; the interpreter path in front does not count. Anything else
//! is refused with the groups found, never silently mixed.

use crate::report::table::shell_words;
use crate::run::plugin::pytest_args_start;

/// Options taking a value (as `--opt VALUE` or `--opt=VALUE`) that do not
/// change which tests run or how.
const VALUE_OPTS: &[&str] =
    &["--junitxml", "--junit-xml", "--junit-prefix", "--reruns", "--reruns-delay", "--only-rerun", "--rerun-except", "--basetemp", "--durations", "--tb", "--color", "-p"];
/// Flags of the same kind.
const FLAGS: &[&str] = &["-q", "--quiet", "-v", "--verbose", "-s", "--capture=no", "-l", "--showlocals", "--no-header", "--no-summary"];

/// The part of a command line that says which tests run: pytest's
/// arguments without output and retry options.
pub fn tests_key(argv: &[String]) -> Vec<String> {
    let start = pytest_args_start(argv).unwrap_or(0);
    let mut out = vec![];
    let mut it = argv[start.min(argv.len())..].iter();
    while let Some(a) = it.next() {
        if VALUE_OPTS.contains(&a.as_str()) {
            it.next();
            continue;
        }
        let is_value_form = VALUE_OPTS.iter().any(|o| a.strip_prefix(o).is_some_and(|r| r.starts_with('=') || (o.len() == 2 && !r.is_empty())));
        let is_verbosity = a.len() > 1 && a.starts_with('-') && !a.starts_with("--") && a[1..].chars().all(|c| c == 'v' || c == 'q');
        let is_report_chars = a.starts_with("-r") && a.len() > 2 && !a.starts_with("--");
        if is_value_form || is_verbosity || is_report_chars || FLAGS.contains(&a.as_str()) {
            continue;
        }
        out.push(a.clone());
    }
    out
}

/// One input as far as grouping goes.
pub struct Member {
    /// How the user named it (a path).
    pub label: String,
    pub argv: Vec<String>,
    pub revision: Option<String>,
}

/// Refuses inputs that ran different tests or different code revisions,
/// naming the groups.
pub fn check(members: &[Member]) -> anyhow::Result<()> {
    let mut by_tests: Vec<(Vec<String>, Vec<&Member>)> = vec![];
    for m in members {
        let k = tests_key(&m.argv);
        match by_tests.iter_mut().find(|(key, _)| *key == k) {
            Some((_, list)) => list.push(m),
            None => by_tests.push((k, vec![m])),
        }
    }
    let labels = |list: &[&Member]| list.iter().map(|m| m.label.as_str()).collect::<Vec<_>>().join(", ");
    if by_tests.len() > 1 {
        let groups: Vec<String> = by_tests
            .iter()
            .enumerate()
            .map(|(i, (_, list))| format!("  group {}: `{}`: {}", i + 1, shell_words(&list[0].argv), labels(list)))
            .collect();
        anyhow::bail!("the inputs ran different pytest commands, so their runs cannot be compared; analyse each group on its own:\n{}", groups.join("\n"));
    }
    let mut by_rev: Vec<(&str, Vec<&Member>)> = vec![];
    for m in members {
        let Some(r) = m.revision.as_deref() else { continue };
        match by_rev.iter_mut().find(|(rev, _)| *rev == r) {
            Some((_, list)) => list.push(m),
            None => by_rev.push((r, vec![m])),
        }
    }
    if by_rev.len() > 1 {
        let groups: Vec<String> = by_rev.iter().map(|(rev, list)| format!("  git revision {rev}: {}", labels(list))).collect();
        anyhow::bail!("the inputs ran different code revisions, so their runs cannot be compared; analyse each revision on its own:\n{}", groups.join("\n"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    fn m(label: &str, cmd: &str, rev: Option<&str>) -> Member {
        Member { label: label.into(), argv: v(cmd), revision: rev.map(String::from) }
    }

    #[test]
    fn output_and_retry_options_do_not_count() {
        assert_eq!(tests_key(&v("/ci/venv/bin/python -m pytest -p no:cacheprovider -q --junitxml=a.xml tests")), v("tests"));
        assert_eq!(tests_key(&v("pytest --reruns 3 -rA -vv --junit-xml b.xml -p flakebpf_plugin tests")), v("tests"));
        assert_eq!(tests_key(&v("pytest -n 2 tests -k slow")), v("-n 2 tests -k slow"));
    }

    #[test]
    fn refuses_other_tests_and_other_revisions() {
        let same = [m("a.trace", "python -m pytest --junitxml=a.xml tests", Some("r1")), m("b.trace", "/v/bin/pytest -q tests", Some("r1")), m("c", "pytest tests", None)];
        assert!(check(&same).is_ok());
        let e = check(&[m("a.trace", "pytest tests", None), m("b.trace", "pytest tests/unit", None)]).unwrap_err().to_string();
        assert_eq!(
            e,
            "the inputs ran different pytest commands, so their runs cannot be compared; analyse each group on its own:\n  group 1: `pytest tests`: a.trace\n  group 2: `pytest tests/unit`: b.trace"
        );
        let e = check(&[m("a.trace", "pytest tests", Some("r1")), m("b.trace", "pytest tests", Some("r2"))]).unwrap_err().to_string();
        assert!(e.contains("different code revisions") && e.contains("git revision r2: b.trace"), "{e}");
    }
}
