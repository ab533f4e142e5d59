//! A done-callback that publishes the work's outcome: `future.add_done_callback(
//! self._finished)` where `_finished` writes shared state (a catalog entry, a
//! status). `concurrent.futures` wakes whoever waits in `result()` first and
//! runs the callbacks after, in the worker thread: a caller that reads the
//! state right after `result()` returned races the callback. Found in the
//! source of the code the failing runs ran; proven by pausing the callback
//! as it starts (the window between the waiter's wake-up and the write held
//! open longer: more failures).
//!
//! Also a done-callback that gives a resource back (`fut.add_done_callback(
//! lambda _f: self.pool.release(conn))`) on work the resource was handed to:
//! the resource stays taken while that work runs; proven by stretching the
//! work's waits (held longer: more failures).

use super::source::{code, find_ident, Sources};

/// A done-callback registration whose callback writes shared state.
#[derive(Clone, Debug, PartialEq)]
pub struct Callback {
    /// The `add_done_callback(` line.
    pub line: u32,
    /// The first line of the callback's body.
    pub starts: u32,
    /// The callback's line that writes shared state.
    pub writes: u32,
    /// The callback's name.
    pub name: String,
}

/// The function a registration hands over (`self._finished`,
/// `functools.partial(self._finished, asset)`, `partial(done, k)`, `done`).
fn callback_name(t: &str) -> Option<String> {
    let at = t.find(".add_done_callback(")? + ".add_done_callback(".len();
    let mut arg = t[at..].trim_start();
    for p in ["functools.partial(", "partial("] {
        if let Some(rest) = arg.strip_prefix(p) {
            arg = rest.trim_start();
        }
    }
    let arg = arg.strip_prefix("self.").unwrap_or(arg);
    let name: String = arg.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    (!name.is_empty() && name != "lambda").then_some(name)
}

/// Whether a line of a callback writes state that outlives it: an
/// attribute of `self` or of an object it holds, an item, or a store's or
/// container's mutating method on one (`self.catalog.put(...)`).
fn writes_state(t: &str) -> bool {
    let mut from = 0;
    while let Some(p) = t[from..].find("self.") {
        let at = from + p + 5;
        from = at;
        let path: String = t[at..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.').collect();
        let rest = &t[at + path.len()..];
        let name = path.rsplit('.').next().unwrap_or(&path);
        // `self.done = ...`, `self.status[k] = ...`, or a mutating call on
        // an object it holds (`self.catalog.put(...)`)
        if super::source::is_write_after(rest) || (path.contains('.') && super::source::is_write_after(&format!(".{name}{rest}"))) {
            return true;
        }
    }
    false
}

/// Whether a line of a function's body is a statement (not blank, a
/// docstring's opening or a comment).
fn is_statement(l: &str) -> bool {
    let t = code(l).trim();
    !t.is_empty() && !t.starts_with("\"\"\"") && !t.starts_with('#')
}

/// The done-callbacks registered in file `abs` whose callback (a function or
/// method of the same file) writes shared state.
pub fn publishing_callbacks(src: &mut Sources, abs: &str) -> Vec<Callback> {
    let Some(lines) = src.lines(abs).cloned() else { return vec![] };
    let mut out = vec![];
    for (i, l) in lines.iter().enumerate() {
        let Some(name) = callback_name(code(l)) else { continue };
        let Some((a, b)) = src.named_function_extent(abs, &name) else { continue };
        let body = (a + 1..=b).filter(|&n| is_statement(&lines[n as usize - 1]));
        let mut starts = None;
        let mut writes = None;
        for n in body {
            starts.get_or_insert(n);
            if writes.is_none() && writes_state(code(&lines[n as usize - 1])) && find_ident(&lines[n as usize - 1], "return").is_empty() {
                writes = Some(n);
            }
        }
        if let (Some(starts), Some(writes)) = (starts, writes) {
            out.push(Callback { line: i as u32 + 1, starts, writes, name });
        }
    }
    out
}

/// Calls that give a taken resource back.
const GIVE_BACK: &[&str] = &[".release(", ".putconn(", ".checkin(", ".give_back(", ".return_connection(", ".release_connection("];

/// A resource given back only in the done-callback of work it was handed to.
#[derive(Clone, Debug, PartialEq)]
pub struct Release {
    /// The `add_done_callback(` line.
    pub line: u32,
    /// The first line of the submitted work's body.
    pub work_starts: u32,
    /// The submitted work's name.
    pub work: String,
}

/// The done-callbacks registered in file `abs` that give a resource back
/// (`fut.add_done_callback(lambda _f: self.pool.release(conn))`, or a
/// function of the file doing so) on a future made by submitting a function
/// of the same file earlier in the registering function (`fut =
/// self._audit.submit(self._write_audit, conn, ...)`): the resource stays
/// taken for as long as that work runs.
pub fn releasing_callbacks(src: &mut Sources, abs: &str) -> Vec<Release> {
    let Some(lines) = src.lines(abs).cloned() else { return vec![] };
    let mut out = vec![];
    for (i, l) in lines.iter().enumerate() {
        let t = code(l);
        let Some(at) = t.find(".add_done_callback(") else { continue };
        let gives_back = match callback_name(t) {
            Some(name) => src.named_function_extent(abs, &name).is_some_and(|(a, b)| (a + 1..=b).any(|n| GIVE_BACK.iter().any(|g| code(&lines[n as usize - 1]).contains(g)))),
            None => t[at..].contains("lambda") && GIVE_BACK.iter().any(|g| t[at..].contains(g)),
        };
        if !gives_back {
            continue;
        }
        let fut: String = t[..at].trim().chars().rev().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<Vec<_>>().into_iter().rev().collect();
        if fut.is_empty() {
            continue;
        }
        // the submission that made the future, above it in the same function
        let Some(work) = (0..i).rev().take(30).find_map(|j| {
            let c = code(&lines[j]).trim();
            let rhs = c.strip_prefix(&fut)?.trim_start().strip_prefix('=')?;
            let arg = rhs.split_once(".submit(")?.1.trim_start();
            let arg = arg.strip_prefix("self.").unwrap_or(arg);
            let name: String = arg.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            (!name.is_empty()).then_some(name)
        }) else {
            continue;
        };
        let Some((a, b)) = src.named_function_extent(abs, &work) else { continue };
        let Some(starts) = (a + 1..=b).find(|&n| is_statement(&lines[n as usize - 1])) else { continue };
        out.push(Release { line: i as u32 + 1, work_starts: starts, work });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::source::tests::src;

    #[test]
    fn a_done_callback_that_writes_shared_state_is_found() {
        let text = "\
import functools

class Pipeline:
    def _finished(self, asset, future):
        path = future.result()
        self.catalog.put(Entry(asset.id, \"ready\", path))

    def _log(self, future):
        print(future.result())

    def submit(self, asset):
        future = self._pool.submit(self._process, asset)
        future.add_done_callback(functools.partial(self._finished, asset))
        future.add_done_callback(self._log)
        return future
";
        let (_d, p, mut s) = src(text);
        assert_eq!(publishing_callbacks(&mut s, &p), vec![Callback { line: 13, starts: 5, writes: 6, name: "_finished".into() }]);
        assert!(writes_state("self.status[key] = 'done'") && writes_state("self.done = True") && !writes_state("x = self.catalog.get(k)"));
    }

    #[test]
    fn a_resource_given_back_only_when_the_work_it_was_handed_to_is_done_is_found() {
        let text = "\
class Orders:
    def _write_audit(self, conn, payload):
        conn.execute('INSERT', payload)

    def place(self, payload):
        conn = self.pool.acquire()
        pending = self._audit.submit(self._write_audit, conn, payload)
        pending.add_done_callback(lambda _f: self.pool.release(conn))
        other = self._audit.submit(self._write_audit, conn, payload)
        other.add_done_callback(lambda _f: print('done'))
";
        let (_d, p, mut s) = src(text);
        assert_eq!(releasing_callbacks(&mut s, &p), vec![Release { line: 8, work_starts: 3, work: "_write_audit".into() }]);
    }
}
