//! A resource taken and not given back on an early way out: a function
//! takes a slot (`x.acquire(...)`, `conn = pool.acquire()`) outside a
//! `with` block and gives it back further down (`x.release()`,
//! `pool.release(conn)`), but a `return` or `raise` between the two, not
//! covered by a `try` whose `finally` gives it back, leaves with it. Each
//! time that way is taken one slot is lost, until the pool runs dry. Found
//! in the source of the code the failing runs ran; proven by giving the
//! slot back (the function's own release statement, run in its frame) just
//! before that way out.

use super::source::{code, indent, Sources};

/// An early way out that keeps what the function took.
#[derive(Clone, Debug, PartialEq)]
pub struct Leak {
    /// The `return`/`raise` line.
    pub exit: u32,
    /// The line that takes the resource.
    pub take: u32,
    /// The line that gives it back (its statement is run at the exit to prove it).
    pub release: u32,
}

/// The object a line takes from (`self._slots` of `self._slots.acquire(`).
fn taken_from(t: &str) -> Option<String> {
    let at = t.find(".acquire(")?;
    let obj: String = t[..at].chars().rev().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.').collect::<Vec<_>>().into_iter().rev().collect();
    (!obj.is_empty() && !obj.starts_with('.')).then_some(obj)
}

fn is_exit(t: &str) -> bool {
    t == "return" || t.starts_with("return ") || t.starts_with("raise ") || t == "raise"
}

/// Whether line `n` sits in a `try` block (opened after `from`) whose
/// `finally` gives back what `obj` names.
fn covered(lines: &[String], from: u32, n: u32, obj: &str) -> bool {
    let here = indent(&lines[n as usize - 1]);
    (from + 1..n).any(|t| {
        let l = &lines[t as usize - 1];
        let ti = indent(l);
        if code(l).trim() != "try:" || ti >= here {
            return false;
        }
        // the statement still open at n: nothing in between at or below its
        // indent but its own `except`/`else` clauses
        let open = (t + 1..n).all(|m| {
            let c = code(&lines[m as usize - 1]);
            let ct = c.trim();
            ct.is_empty() || indent(c) > ti || (indent(c) == ti && (ct.starts_with("except") || ct == "else:"))
        });
        open && {
            let fin = (n + 1..=lines.len() as u32).find(|&m| {
                let c = code(&lines[m as usize - 1]);
                indent(c) == ti && c.trim() == "finally:"
            });
            fin.is_some_and(|f| {
                lines[f as usize..].iter().take_while(|m| code(m).trim().is_empty() || indent(m) > ti).any(|m| code(m).contains(&format!("{obj}.release(")))
            })
        }
    })
}

/// The early ways out of the functions of `abs` that keep a slot taken.
pub fn early_exits(src: &mut Sources, abs: &str) -> Vec<Leak> {
    let Some(lines) = src.lines(abs).cloned() else { return vec![] };
    let mut out = vec![];
    for (i, l) in lines.iter().enumerate() {
        let t = code(l).trim();
        if t.starts_with("with ") || t.starts_with("def ") {
            continue;
        }
        let Some(obj) = taken_from(t) else { continue };
        let take = i as u32 + 1;
        let base = indent(l);
        // the rest of the block that takes it
        let end = (take + 1..=lines.len() as u32)
            .find(|&m| {
                let c = code(&lines[m as usize - 1]);
                !c.trim().is_empty() && indent(c) < base
            })
            .unwrap_or(lines.len() as u32 + 1);
        let Some(release) = (take + 1..end).find(|&m| code(&lines[m as usize - 1]).contains(&format!("{obj}.release("))) else { continue };
        // `if not x.acquire(...): raise ...`: the failed take keeps nothing
        let failed_branch = |m: u32| t.starts_with("if not ") && t.ends_with(':') && indent(&lines[m as usize - 1]) > base && (take + 1..m).all(|k| indent(&lines[k as usize - 1]) > base || code(&lines[k as usize - 1]).trim().is_empty());
        for m in take + 1..release {
            let c = code(&lines[m as usize - 1]).trim().to_string();
            if is_exit(&c) && !failed_branch(m) && !covered(&lines, take, m, &obj) {
                out.push(Leak { exit: m, take, release });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::source::tests::src;

    #[test]
    fn an_early_return_that_keeps_a_slot_is_found() {
        let text = "\
class Fetcher:
    def fetch(self, path):
        if not self._slots.acquire(timeout=self.t):
            raise Busy(path)
        with self._lock:
            pending = self._inflight.get(path)
        if pending is not None:
            return pending.result()
        try:
            if path == '':
                return None
            return self.origin.get(path)
        except OSError:
            raise
        finally:
            self._slots.release()

    def safe(self):
        self._slots.acquire()
        try:
            return 1
        finally:
            self._slots.release()
";
        let (_d, p, mut s) = src(text);
        assert_eq!(early_exits(&mut s, &p), vec![Leak { exit: 8, take: 3, release: 16 }]);
    }
}
