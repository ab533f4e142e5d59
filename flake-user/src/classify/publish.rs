//! Published before it is built: a function stores a new object where
//! other threads find it (`self.snapshot = snap`) and only then fills it
//! (`snap.rules[k] = slow(...)`). A reader running meanwhile sees it half
//! built; the store is the line to move (publish last). Found in the source
//! around a slow call; proven by stretching the waits under that call.

use super::source::{code, find_ident, is_write_after, Sources};

/// Whether line text `t` changes the object held in `name` (`name.x = `,
/// `name.x[k] = `, `name.items.append(`, `name.append(`).
fn fills(t: &str, name: &str) -> bool {
    let hits: Vec<usize> = if name.starts_with("self.") {
        // `self.x` itself, not `self.xy`
        let mut v = vec![];
        let mut from = 0;
        while let Some(p) = t[from..].find(name) {
            let end = from + p + name.len();
            if !t[end..].starts_with(|c: char| c.is_alphanumeric() || c == '_') {
                v.push(from + p);
            }
            from = end;
        }
        v
    } else {
        find_ident(t, name)
    };
    hits.into_iter().any(|at| {
        let rest = &t[at + name.len()..];
        let Some(after_dot) = rest.strip_prefix('.') else { return false };
        let attr_len = after_dot.chars().take_while(|c| c.is_alphanumeric() || *c == '_').count();
        is_write_after(rest) || is_write_after(&after_dot[attr_len..])
    })
}

/// For a slow call at line `at` of the function starting at `firstlineno`:
/// an earlier line of it that stores a new object in `self.<attr>` which
/// line `at` then fills: (that line, what was stored).
pub fn published_early(src: &mut Sources, abs: &str, firstlineno: i32, at: u32) -> Option<(u32, String)> {
    let (a, b) = src.function_extent(abs, firstlineno)?;
    if !(a < at && at <= b) {
        return None;
    }
    let lines = src.lines(abs)?.clone();
    let slow = code(&lines[at as usize - 1]);
    for n in (a + 1..at).rev() {
        let t = code(&lines[n as usize - 1]).trim();
        let Some((lhs, rhs)) = t.split_once('=') else { continue };
        let (lhs, rhs) = (lhs.trim(), rhs.trim());
        if rhs.starts_with('=') || !lhs.starts_with("self.") || lhs[5..].contains(|c: char| !(c.is_alphanumeric() || c == '_')) {
            continue;
        }
        // a local built just before (`self.x = snap`), or a new object (`self.x = Snap()`)
        let local = rhs.chars().all(|c| c.is_alphanumeric() || c == '_') && !rhs.is_empty() && !rhs.starts_with(|c: char| c.is_ascii_digit());
        let built = rhs.ends_with(')') && rhs.starts_with(|c: char| c.is_ascii_uppercase());
        let target = if local { rhs.to_string() } else if built { lhs.to_string() } else { continue };
        if fills(slow, &target) && !matches!(rhs, "None" | "True" | "False") {
            return Some((n, lhs.to_string()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::source::tests::src;

    const CLIENT: &str = "\
class Client:
    def refresh(self):
        with self._lock:
            payload = self._fetch()
            snapshot = Snapshot(version=payload['version'])
            self._snapshot = snapshot
            for name, spec in payload['flags'].items():
                snapshot.rules[name] = compile_rule(name, spec)
            self.refreshes += 1

    def rebuild(self):
        self.index = Index()
        for k in self.keys():
            self.index.add(k, self.slow(k))

    def fine(self):
        snap = Snapshot()
        for k in self.keys():
            snap.rules[k] = self.slow(k)
        self._snapshot = snap
";

    #[test]
    fn an_object_stored_before_it_is_filled_is_found() {
        let (_d, p, mut s) = src(CLIENT);
        assert_eq!(published_early(&mut s, &p, 2, 8), Some((6, "self._snapshot".into())));
        assert_eq!(published_early(&mut s, &p, 11, 14), Some((12, "self.index".into())));
        assert_eq!(published_early(&mut s, &p, 16, 19), None);
        assert_eq!(published_early(&mut s, &p, 2, 9), None);
    }
}
