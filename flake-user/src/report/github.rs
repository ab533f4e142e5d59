//! `--github`: GitHub Actions workflow commands and job summary.
//!
//! Each flaky test gets annotations on the pull request's diff: a
//! `::warning` at every *proven* root-cause line (a controlled rerun at that
//! line changed the fail rate); when none is proven, a `::notice` at its
//! best cause (a hypothesis from the observed runs: worth a look, not an
//! alarm); and a `::warning` at the test itself when no cause was found. Paths are made
//! relative to `$GITHUB_WORKSPACE` (the checkout), which GitHub needs to
//! place them. The Markdown job summary lists every flaky test with its
//! ranked causes.

use std::path::Path;

use super::outputs::{counts_text, Session};
use super::{Cause, TestReport};

/// A workflow command's message: `%`, CR and LF escaped.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A workflow command's property value: also `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `file` (relative to the rootdir) as GitHub wants it: relative to the workspace.
fn workspace_path(file: &str, rootdir: &Path, workspace: Option<&Path>) -> String {
    let abs = if Path::new(file).is_absolute() { Path::new(file).to_path_buf() } else { rootdir.join(file) };
    match workspace {
        Some(ws) => match crate::report::normalize(&abs).strip_prefix(crate::report::normalize(ws)) {
            Ok(rel) => rel.to_string_lossy().into_owned(),
            Err(_) => abs.to_string_lossy().into_owned(),
        },
        None => file.to_string(),
    }
}

fn command(level: &str, file: &str, line: Option<u32>, title: &str, message: &str) -> String {
    let line = line.map(|l| format!(",line={l}")).unwrap_or_default();
    format!("::{level} file={}{line},title={}::{}\n", escape_property(file), escape_property(title), escape_data(message))
}

fn cause_message(t: &TestReport, c: &Cause) -> String {
    let proof = if c.proven { "proven by a controlled rerun" } else { "not proven: a hypothesis from the observed runs" };
    let mut m = format!("{} is flaky ({}). Root cause ({proof}, confidence {:.2}): {}\nFix: {}", t.nodeid, counts_text(t), c.confidence, c.evidence, c.fix);
    if let Some(p) = &c.polluter {
        m.push_str(&format!("\nPolluter: {p}"));
    }
    m
}

/// The workflow commands of a session (one per line).
pub fn commands(s: &Session, workspace: Option<&Path>) -> String {
    let mut out = String::new();
    for t in s.flaky() {
        let proven: Vec<&Cause> = t.causes.iter().filter(|c| c.proven).collect();
        for c in &proven {
            let title = format!("Flaky test root cause: {} ({})", c.category, t.nodeid);
            out.push_str(&command("warning", &workspace_path(&c.file, s.rootdir(), workspace), Some(c.line), &title, &cause_message(t, c)));
        }
        // a hypothesis only when nothing is proven (beside a proof it is noise)
        if let Some(c) = t.causes.first().filter(|_| proven.is_empty()) {
            let title = format!("Possible flaky test cause: {} ({})", c.category, t.nodeid);
            out.push_str(&command("notice", &workspace_path(&c.file, s.rootdir(), workspace), Some(c.line), &title, &cause_message(t, c)));
        }
        if t.causes.is_empty() {
            let file = t.nodeid.split("::").next().unwrap_or(&t.nodeid);
            let msg = format!("{} is flaky ({}); no cause was found in the traces", t.nodeid, counts_text(t));
            out.push_str(&command("warning", &workspace_path(file, s.rootdir(), workspace), None, &format!("Flaky test: {}", t.nodeid), &msg));
        }
    }
    out
}

/// Markdown table cell: pipes and line breaks escaped.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The Markdown job summary of a session.
pub fn summary(s: &Session) -> String {
    let r = s.report;
    let flaky: Vec<&TestReport> = s.flaky().collect();
    let mut md = String::from("## flakebpf\n\n");
    md.push_str(&format!(
        "`{}`: {} runs, {} tests, **{} flaky**.\n\n",
        crate::report::table::shell_words(&r.command).replace('`', "'"),
        r.runs,
        r.tests.len(),
        flaky.len()
    ));
    for t in flaky {
        md.push_str(&format!("### `{}`\n\nFlaky: {} ({} passed, {} failed, {} errors).\n\n", t.nodeid, counts_text(t), t.outcomes.passed, t.outcomes.failed, t.outcomes.error));
        if t.causes.is_empty() {
            md.push_str("No cause was found in the traces.\n\n");
            continue;
        }
        md.push_str("| # | category | line | confidence | proven | evidence | fix |\n| --- | --- | --- | --- | --- | --- | --- |\n");
        for (i, c) in t.causes.iter().enumerate() {
            md.push_str(&format!(
                "| {} | {} | `{}:{}` {} | {:.2} | {} | {} | {} |\n",
                i + 1,
                c.category,
                cell(&c.file),
                c.line,
                cell(&c.function),
                c.confidence,
                if c.proven { "yes" } else { "no" },
                cell(&c.evidence),
                cell(&c.fix)
            ));
        }
        md.push('\n');
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_toolkit() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(
            command("warning", "src/a,b.py", Some(3), "t: x", "m\nn"),
            "::warning file=src/a%2Cb.py,line=3,title=t%3A x::m%0An\n"
        );
        assert_eq!(workspace_path("src/a.py", Path::new("/w/repo/proj"), Some(Path::new("/w/repo"))), "proj/src/a.py");
        assert_eq!(workspace_path("src/a.py", Path::new("/r"), None), "src/a.py");
        assert_eq!(cell("a|b\nc"), "a\\|b c");
    }
}
