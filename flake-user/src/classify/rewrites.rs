//! One-line mistakes with a known correction, found in the source: a lock
//! (or semaphore, event, condition) made as the default of `dict.get` and
//! never stored, so each caller that finds no entry gets a fresh one and
//! nothing is ever shared (`self._locks.get(key, asyncio.Lock())`). The
//! experiment runs the correction just before the line
//! (`self._locks.setdefault(key, asyncio.Lock())`); fewer failures prove it.

use super::source::{bracket_balance, code, Sources};

/// Kinds whose fresh instance given as a default synchronises nothing.
const PRIMITIVES: &[&str] = &["Lock", "RLock", "Semaphore", "BoundedSemaphore", "Event", "Condition", "Barrier"];

/// The correction of one line: `text` run just before it, `what` it
/// changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    pub text: String,
    pub what: String,
    /// Whether what it corrects belongs to asyncio.
    pub is_async: bool,
}

/// The correction for line text `line`, if it has a known mistake.
pub fn correction(line: &str) -> Option<Correction> {
    let t = code(line).trim();
    if bracket_balance(t) != 0 {
        return None;
    }
    let at = t.find(".get(")?;
    let head = &t[..at];
    let recv_start = head.rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.')).map_or(0, |i| i + 1);
    let recv = &head[recv_start..];
    if recv.is_empty() || recv.starts_with('.') {
        return None;
    }
    let args = super::timeouts::call_args(t, at + 4);
    let [key, default] = args.as_slice() else { return None };
    let ctor = default.split('(').next()?.trim();
    let kind = ctor.rsplit('.').next()?;
    if key.is_empty() || !default.ends_with(')') || !PRIMITIVES.contains(&kind) {
        return None;
    }
    Some(Correction {
        text: format!("{recv}.setdefault({key}, {default})"),
        what: format!("the {kind} made as the default is stored, so every caller gets the same one"),
        is_async: ctor.starts_with("asyncio.") || t.starts_with("async ") || t.contains("await "),
    })
}

/// (line, correction) for each line of `abs` with a known mistake.
pub fn corrections(src: &mut Sources, abs: &str) -> Vec<(u32, Correction)> {
    let Some(lines) = src.lines(abs) else { return vec![] };
    lines.iter().enumerate().filter_map(|(i, l)| correction(l).map(|c| (i as u32 + 1, c))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_made_as_a_default_and_never_stored_is_corrected_with_setdefault() {
        let c = correction("        return self._locks.get(sku, asyncio.Lock())").unwrap();
        assert_eq!(c.text, "self._locks.setdefault(sku, asyncio.Lock())");
        assert!(c.is_async);
        let c = correction("    lock = LOCKS.get((user, day), threading.RLock())  # per user").unwrap();
        assert_eq!(c.text, "LOCKS.setdefault((user, day), threading.RLock())");
        assert!(!c.is_async);
        assert_eq!(correction("    sem = self._sems.get(host, Semaphore(4))").unwrap().text, "self._sems.setdefault(host, Semaphore(4))");
        // a stored default, a plain value, a call spanning lines: nothing to correct
        assert_eq!(correction("    lock = self._locks.setdefault(k, Lock())"), None);
        assert_eq!(correction("    n = self._counts.get(k, 0)"), None);
        assert_eq!(correction("    lock = self._locks.get(k, Lock("), None);
        assert_eq!(correction("    lock = self._locks.get(k)"), None);
    }
}
