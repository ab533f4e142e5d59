//! Lost wake-ups: a thread that waits on a condition variable without first
//! checking whether what it waits for has already happened. A notify sent
//! before the wait began wakes nobody, so the wait runs to its timeout
//! (or forever). Found in the source at a wait that timed out in the
//! failing runs: `cond.wait(...)` inside `with cond:` with no loop or test
//! of the state around it.
//!
//! And the other way round: a waiter that clears its wake-up event only
//! after the work the wake-up started (`await ev.wait()`, then an await or
//! a blocking call, then `ev.clear()`). A signal set while that work runs
//! is erased by the clear, and what it announced waits for the next one.

use super::source::{bracket_balance, code, indent, Sources};

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

/// Whether line text `t` may block or let other code run: an await, or a
/// call in a function that is not a coroutine.
fn yields(t: &str, is_async: bool) -> bool {
    if is_async {
        t.contains("await ")
    } else {
        t.contains('(') && !t.starts_with("def ") && !t.starts_with("return ")
    }
}

/// An event of the source cleared after the work its wait started.
#[derive(Debug, Clone, PartialEq)]
pub struct LateClear {
    /// The line that clears it, and its text.
    pub clear: u32,
    pub text: String,
    /// The first line that awaits (or calls) between the wait and the clear.
    pub at: u32,
    /// The line right after the wait: where the clear belongs.
    pub after_wait: u32,
    /// Where the code goes on once the clear line has run (see
    /// [`continues_at`]).
    pub then: u32,
    /// Whether the function is a coroutine.
    pub is_async: bool,
}

/// Each event of `abs` cleared after the work its wait started: `X.wait(`
/// at one line, then a line that awaits (or calls, outside coroutines),
/// then `X.clear()`, all in one function and with no other wait on `X` in
/// between.
pub fn late_clears(src: &mut Sources, abs: &str) -> Vec<LateClear> {
    let Some(lines) = src.lines(abs).cloned() else { return vec![] };
    let mut out = vec![];
    for (i, l) in lines.iter().enumerate() {
        let t = code(l).trim();
        let Some(recv) = wait_receiver(t) else { continue };
        if t.contains("wait_for(") || bracket_balance(t) != 0 {
            continue;
        }
        let n = i as u32 + 1;
        let Some(d) = super::spawns::def_of(&lines, n) else { continue };
        let Some((_, end)) = src.function_extent(abs, d as i32) else { continue };
        let is_async = lines[d as usize - 1].trim_start().starts_with("async ");
        let clear = format!("{recv}.clear()");
        let mut between = None;
        for m in n + 1..=end {
            let u = code(&lines[m as usize - 1]).trim();
            if u.contains(&format!("{recv}.wait(")) {
                break;
            }
            if u.contains(&clear) {
                let after_wait = (n + 1..m).find(|&k| !code(&lines[k as usize - 1]).trim().is_empty());
                if let (Some(at), Some(after_wait), Some(then)) = (between, after_wait, continues_at(&lines, m, end)) {
                    out.push(LateClear { clear: m, text: u.to_string(), at, after_wait, then, is_async });
                }
                break;
            }
            if between.is_none() && yields(u, is_async) {
                between = Some(m);
            }
        }
    }
    out
}

/// Where the code goes on after the simple statement at line `n` (the
/// function ends at `end`): the next statement of its block or of an
/// enclosing one, or, when `n` ends a loop's body, that loop's header.
pub fn continues_at(lines: &[String], n: u32, end: u32) -> Option<u32> {
    let next = (n + 1..=end).find(|&k| !code(&lines[k as usize - 1]).trim().is_empty());
    let mut limit = indent(lines.get(n as usize - 1)?);
    for k in (1..n).rev() {
        let l = &lines[k as usize - 1];
        let t = code(l).trim();
        if t.is_empty() || indent(l) >= limit {
            continue;
        }
        limit = indent(l);
        if next.is_some_and(|x| indent(&lines[x as usize - 1]) > limit) {
            return next; // the next statement is inside this block
        }
        if t.starts_with("def ") || t.starts_with("async def ") {
            return next;
        }
        if t.starts_with("while ") || t.starts_with("for ") || t.starts_with("async for ") {
            return Some(k);
        }
    }
    next
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

    #[test]
    fn an_event_cleared_after_the_work_its_wait_started_is_found() {
        let text = "\
class Courier:
    async def flusher(self):
        while True:
            await self._wakeup.wait()
            batch = self._drain()
            await self._transport.write(batch)
            self._wakeup.clear()

    async def flusher_ok(self):
        while True:
            await self._wakeup.wait()
            self._wakeup.clear()
            await self._transport.write(self._drain())

    def worker(self):
        while not self._stop:
            self.ready.wait()
            self.handle(self.queue.pop())
            self.ready.clear()
";
        let (_d, p, mut s) = src(text);
        let found: Vec<(u32, u32, u32, u32)> = late_clears(&mut s, &p).iter().map(|c| (c.clear, c.at, c.after_wait, c.then)).collect();
        assert_eq!(found, vec![(7, 6, 5, 3), (19, 18, 18, 16)]);
        assert_eq!(late_clears(&mut s, &p)[0].text, "self._wakeup.clear()");
    }

    #[test]
    fn a_statement_goes_on_at_the_next_one_or_at_its_loop_header() {
        let text = "\
def f(xs):
    for x in xs:
        if x:
            a = 1
        b = 2
    c = 3
    while True:
        d = 4
";
        let lines: Vec<String> = text.lines().map(String::from).collect();
        assert_eq!(continues_at(&lines, 4, 8), Some(5), "out of the if: the loop body goes on");
        assert_eq!(continues_at(&lines, 5, 8), Some(2), "the end of a loop body: its header");
        assert_eq!(continues_at(&lines, 6, 8), Some(7));
        assert_eq!(continues_at(&lines, 8, 8), Some(7));
    }
}
