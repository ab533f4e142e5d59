//! Check, then act, on a path: a function tests that a file does not exist
//! (`os.path.exists(claim)`), makes a slow call, and only then creates it
//! without asking the file system to refuse an existing one
//! (`open(claim, "w")`). Another process or thread running the same code in
//! that window passes the check too. The create is the line to change
//! (`O_CREAT | O_EXCL`, mode `"x"`, a lock); the window is proven by
//! stretching the waits under the slow call.

use super::source::{code, find_ident, Sources};

const CHECKS: &[&str] = &["exists(", "isfile(", "is_file(", "lexists("];

/// The name a check line tests (`os.path.exists(claim)` -> `claim`).
fn checked_name(t: &str) -> Option<String> {
    for c in CHECKS {
        let Some(at) = t.find(c) else { continue };
        let inner: String = t[at + c.len()..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.').collect();
        if !inner.is_empty() {
            return Some(inner);
        }
        // `claim.exists()`: the name before the dot
        let before = t[..at].trim_end_matches('.');
        let name: String = before.chars().rev().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.').collect::<Vec<_>>().into_iter().rev().collect();
        if !name.is_empty() {
            return Some(name);
        }
    }
    None
}

/// Whether line text `t` creates `name` without refusing an existing file.
fn creates(t: &str, name: &str) -> bool {
    let uses = !find_ident(t, name.rsplit('.').next().unwrap_or(name)).is_empty() || t.contains(name);
    if !uses {
        return false;
    }
    let open_w = t.contains("open(") && (t.contains("\"w") || t.contains("'w") || t.contains("\"a") || t.contains("'a")) && !t.contains("\"x") && !t.contains("'x");
    open_w || t.contains(".touch(") || t.contains(".write_text(") || t.contains(".write_bytes(") || t.contains("os.mkdir(") || t.contains("makedirs(")
}

/// For a slow call at line `at` of the function starting at `firstlineno`:
/// an earlier line checking that a path is absent and a later line creating
/// it: (the create line, the path's name).
pub fn check_then_create(src: &mut Sources, abs: &str, firstlineno: i32, at: u32) -> Option<(u32, String)> {
    let (a, b) = src.function_extent(abs, firstlineno)?;
    if !(a < at && at <= b) {
        return None;
    }
    let lines = src.lines(abs)?.clone();
    let text = |n: u32| code(&lines[n as usize - 1]).trim().to_string();
    let name = (a + 1..at).rev().find_map(|n| checked_name(&text(n)))?;
    (at..=b).find(|&n| creates(&text(n), &name)).map(|n| (n, name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::source::tests::src;

    #[test]
    fn a_path_checked_then_created_across_a_slow_call_is_found() {
        let text = "\
def try_claim(spool, job_path, worker):
    claim = spool.claim_path(job_path)
    if os.path.exists(claim):
        return None
    job = spool.load(job_path)
    if not printer_ready(job):
        return None
    with open(claim, \"w\") as fh:
        fh.write(worker)
    return job

def safe(p):
    if p.exists():
        return
    slow()
    with open(p, \"x\") as f:
        f.write('1')
";
        let (_d, p, mut s) = src(text);
        assert_eq!(check_then_create(&mut s, &p, 1, 6), Some((8, "claim".into())));
        assert_eq!(check_then_create(&mut s, &p, 12, 15), None, "mode x refuses an existing file");
    }
}
