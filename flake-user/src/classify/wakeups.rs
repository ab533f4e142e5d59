//! Lost wake-ups: a thread that waits on a condition variable without first
//! checking whether what it waits for has already happened. A notify sent
//! before the wait began wakes nobody, so the wait runs to its timeout
//! (or forever). Found in the source at a wait that timed out in the
//! failing runs: `cond.wait(...)` inside `with cond:` with no loop or test
//! of the state around it.

use super::source::{code, indent, Sources};

/// The receiver of a `.wait(` call on line text `t` (`self._cond`).
fn wait_receiver(t: &str) -> Option<&str> {
    let at = t.find(".wait(")?;
    let head = &t[..at];
    let start = head.rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.')).map_or(0, |i| i + 1);
    let r = &head[start..];
    (!r.is_empty()).then_some(r)
}

/// When line `at` of function (`abs`, `firstlineno`) waits on a condition
/// (`X.wait(` inside `with X:`) with nothing between the `with` and the wait
/// that tests the state first (no `while`/`if` block around it, and not
/// `while ...: X.wait()` itself): the line of the `with`.
pub fn unguarded_condition_wait(src: &mut Sources, abs: &str, firstlineno: i32, at: u32) -> Option<u32> {
    let here = code(&src.lines(abs)?.get(at as usize - 1)?.clone()).trim().to_string();
    if here.starts_with("while ") || here.contains("wait_for(") {
        return None;
    }
    let recv = wait_receiver(&here)?.to_string();
    let (w, text) = src.holding_with(abs, firstlineno, at)?;
    let held = text.trim_start_matches("async ").trim_start_matches("with ").trim_end_matches(':').trim();
    if held != recv {
        return None;
    }
    let lines = src.lines(abs)?;
    let mut inner = indent(&lines[at as usize - 1]);
    for n in (w + 1..at).rev() {
        let l = &lines[n as usize - 1];
        let t = code(l).trim();
        if t.is_empty() || indent(l) >= inner {
            continue;
        }
        inner = indent(l);
        if ["while ", "if ", "for ", "elif "].iter().any(|k| t.starts_with(k)) {
            return None;
        }
    }
    Some(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::source::tests::src;

    #[test]
    fn a_condition_waited_on_without_a_check_is_unguarded() {
        let text = "\
class Mailbox:
    def take(self, timeout):
        with self._cond:
            if not self._cond.wait(timeout):
                return None
            return self._pending

    def take_checked(self, timeout):
        with self._cond:
            while self._pending is None:
                if not self._cond.wait(timeout):
                    return None
            return self._pending

    def take_for(self, timeout):
        with self._cond:
            self._cond.wait_for(lambda: self._pending, timeout)

    def event(self, timeout):
        with self._lock:
            self._done.wait(timeout)
";
        let (_d, p, mut s) = src(text);
        assert_eq!(unguarded_condition_wait(&mut s, &p, 2, 4), Some(3));
        assert_eq!(unguarded_condition_wait(&mut s, &p, 8, 11), None);
        assert_eq!(unguarded_condition_wait(&mut s, &p, 15, 17), None);
        assert_eq!(unguarded_condition_wait(&mut s, &p, 19, 21), None);
    }
}
