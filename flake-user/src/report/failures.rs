//! How a test failed in one run, as pytest said it in that run's log: the
//! message of its short test summary line (`FAILED nodeid - message`) and
//! an excerpt of its failure section (`____ test_name ____` to the next
//! section), for the JUnit `flakyFailure` elements.

/// One failing attempt, from pytest's output.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Failure {
    /// One line, e.g. "AssertionError: assert 61 == 60".
    pub message: String,
    /// The exception type, e.g. "AssertionError" ("" when unknown).
    pub kind: String,
    /// The end of the failure section (where the `E` lines are).
    pub excerpt: String,
}

/// Most lines kept of a failure section.
const EXCERPT_LINES: usize = 40;

/// The title pytest gives a test's failure section: the node id without
/// its file, `::` read as `.` (`TestA.test_b[1]`).
pub fn head_line(nodeid: &str) -> String {
    let mut parts = nodeid.split("::");
    parts.next();
    let rest: Vec<&str> = parts.collect();
    if rest.is_empty() {
        nodeid.to_string()
    } else {
        rest.join(".")
    }
}

/// A section title line `____ title ____` (pytest's `_` rule), or `None`.
fn section_title(line: &str) -> Option<&str> {
    let t = line.trim();
    let inner = t.strip_prefix("___")?.trim_start_matches('_');
    let inner = inner.strip_suffix("___")?.trim_end_matches('_');
    let inner = inner.trim();
    (!inner.is_empty()).then_some(inner)
}

/// A `=====` rule line (pytest's session sections).
fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 6 && t.starts_with("===") && t.ends_with("===")
}

/// The exception type at the start of a message ("AssertionError: ...").
fn kind_of(message: &str) -> String {
    let head = message.split(':').next().unwrap_or("").trim();
    let ident = !head.is_empty() && head.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.');
    if ident && message.contains(':') {
        head.to_string()
    } else if ident && head.ends_with("Error") {
        head.to_string()
    } else {
        String::new()
    }
}

/// The failure of `nodeid` in a pytest log (`None` when the log says
/// nothing of it, e.g. under `--tb=no -q` without a summary).
pub fn in_log(log: &str, nodeid: &str) -> Option<Failure> {
    let lines: Vec<&str> = log.lines().collect();
    let summary = lines.iter().find_map(|l| {
        let rest = l.strip_prefix("FAILED ").or_else(|| l.strip_prefix("ERROR "))?;
        let rest = rest.strip_prefix(nodeid)?;
        if rest.is_empty() {
            return Some(String::new());
        }
        rest.strip_prefix(" - ").map(|m| m.trim().to_string())
    });
    let title = head_line(nodeid);
    let excerpt = lines.iter().position(|l| section_title(l).is_some_and(|t| t == title || t == format!("ERROR at setup of {title}") || t == format!("ERROR at teardown of {title}"))).map(|start| {
        let body: Vec<&str> = lines[start + 1..].iter().take_while(|l| section_title(l).is_none() && !is_rule(l)).copied().collect();
        let from = body.len().saturating_sub(EXCERPT_LINES);
        body[from..].join("\n").trim_start_matches('\n').trim_end().to_string()
    });
    if summary.is_none() && excerpt.is_none() {
        return None;
    }
    let excerpt = excerpt.unwrap_or_default();
    // the first `E ` line is the exception in full (the summary line is cut to the terminal's width)
    let e_line = excerpt.lines().find_map(|l| l.strip_prefix("E ").map(str::trim)).unwrap_or("").to_string();
    let message = if e_line.is_empty() { summary.unwrap_or_default() } else { e_line };
    // the section ends with `path:line: ExceptionType`
    let last = excerpt.lines().last().and_then(|l| l.rsplit_once(": ")).map(|(_, k)| k.trim()).filter(|k| !k.is_empty() && !k.contains(' '));
    let kind = last.map(str::to_string).unwrap_or_else(|| kind_of(&message));
    Some(Failure { kind, message, excerpt })
}

/// The failure of `nodeid` in the log file of a run.
pub fn in_log_file(path: &std::path::Path, nodeid: &str) -> Option<Failure> {
    let bytes = std::fs::read(path).ok()?;
    in_log(&String::from_utf8_lossy(&bytes), nodeid)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = "\
.F.                                                                      [100%]
=================================== FAILURES ===================================
____________________________ TestWin.test_window[2] ____________________________

    def test_window():
>       assert used(w) == 60
E       assert 61 == 60
E        +  where 61 = used(<W>)

tests/test_w.py:9: AssertionError
___________________________________ test_ok ____________________________________
other
=========================== short test summary info ============================
FAILED tests/test_w.py::TestWin::test_window[2] - assert 61 == 60
1 failed, 2 passed in 0.12s
";

    #[test]
    fn summary_message_and_section_excerpt() {
        let f = in_log(LOG, "tests/test_w.py::TestWin::test_window[2]").unwrap();
        assert_eq!(f.message, "assert 61 == 60");
        assert_eq!(f.kind, "AssertionError");
        assert!(f.excerpt.starts_with("    def test_window():"), "{}", f.excerpt);
        assert!(f.excerpt.ends_with("tests/test_w.py:9: AssertionError"), "{}", f.excerpt);
        assert!(!f.excerpt.contains("other"));
        assert_eq!(in_log(LOG, "tests/test_w.py::test_ok").map(|f| f.message), Some(String::new()));
        assert_eq!(in_log(LOG, "tests/test_w.py::test_gone"), None);
    }

    #[test]
    fn exception_type_from_the_message() {
        let log = "FAILED t.py::test_a - ValueError: bad value\n";
        let f = in_log(log, "t.py::test_a").unwrap();
        assert_eq!((f.kind.as_str(), f.message.as_str()), ("ValueError", "ValueError: bad value"));
        assert_eq!(head_line("t.py::A::test_b[x-1]"), "A.test_b[x-1]");
        assert_eq!(section_title("____ ERROR at setup of test_a ____"), Some("ERROR at setup of test_a"));
    }
}
