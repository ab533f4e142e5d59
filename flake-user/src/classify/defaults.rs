//! Mutable default arguments: `def f(x, base={})` evaluates `{}` once, when
//! the function is defined, so every call that does not pass `base` shares
//! one object. A line that writes into it (directly, or through a local
//! assigned from it) leaves state behind for every later call — the `def`
//! line, where the default is chosen, is where to fix it.

use super::source::{code, Sources};
use super::spawns::def_of;

const MUTABLE: &[&str] = &["{}", "[]", "set()", "dict()", "list()"];
const MUTATORS: &[&str] = &["append(", "extend(", "update(", "add(", "insert(", "setdefault(", "pop(", "clear(", "remove(", "discard("];

/// The parameters of a signature text (`def f(a, b={}):`) with a mutable default.
fn mutable_defaults(sig: &str) -> Vec<String> {
    let Some(open) = sig.find('(') else { return vec![] };
    let body = &sig[open + 1..];
    let mut depth = 0i32;
    let mut parts = vec![];
    let mut cur = String::new();
    for c in body.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => break,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    parts.push(cur);
    parts
        .iter()
        .filter_map(|p| {
            let (name, default) = p.split_once('=')?;
            let name = name.split(':').next()?.trim();
            MUTABLE.contains(&default.trim()).then(|| name.to_string())
        })
        .collect()
}

/// The leading identifier of `s` (`filters` of `filters['x']`).
fn root_of(s: &str) -> Option<&str> {
    let end = s.find(|c: char| !(c.is_alphanumeric() || c == '_'))?;
    (end > 0).then(|| &s[..end])
}

/// The name line text `t` writes into: `x[k] = v`, `x.attr = v`, `x.append(v)`.
fn written_root(t: &str) -> Option<&str> {
    if let Some((lhs, rhs)) = t.split_once('=') {
        if !rhs.starts_with('=') && !lhs.ends_with(['!', '<', '>']) && (lhs.contains('[') || lhs.contains('.')) {
            return root_of(lhs.trim());
        }
    }
    MUTATORS.iter().find_map(|m| t.find(&format!(".{m}")).and_then(|p| root_of(&t[..=p]).filter(|r| r.len() == p)))
}

/// When line `n` of `abs` writes into a parameter's mutable default (or a
/// local assigned from it): the `def` line and the parameter.
pub fn writes_mutable_default(src: &mut Sources, abs: &str, n: u32) -> Option<(u32, String)> {
    let lines = src.lines(abs)?.clone();
    let d = def_of(&lines, n)?;
    let mut sig = String::new();
    for l in &lines[d as usize - 1..n as usize - 1] {
        sig.push_str(code(l).trim());
        if sig.ends_with(':') {
            break;
        }
    }
    let params = mutable_defaults(&sig);
    if params.is_empty() {
        return None;
    }
    let root = written_root(code(lines.get(n as usize - 1)?).trim())?.to_string();
    // the parameter itself, or a local bound to it (`filters = base`)
    let param = params.iter().find(|p| **p == root).cloned().or_else(|| {
        lines[d as usize..n as usize - 1].iter().find_map(|l| {
            let (lhs, rhs) = code(l).trim().split_once('=')?;
            (lhs.trim() == root && !rhs.starts_with('=')).then(|| params.iter().find(|p| rhs.trim() == p.as_str()).cloned()).flatten()
        })
    })?;
    Some((d, param))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::source::tests::src;

    #[test]
    fn a_write_into_a_mutable_default_points_at_the_def_line() {
        let text = "\
def build(status=None, team=None, base={}):
    filters = base
    if status:
        filters['status'] = status
    return filters

def fresh(status=None, base=None):
    filters = dict(base or {})
    filters['status'] = status

def collect(item, seen=[]):
    seen.append(item)
";
        let (_d, p, mut s) = src(text);
        assert_eq!(writes_mutable_default(&mut s, &p, 4), Some((1, "base".into())));
        assert_eq!(writes_mutable_default(&mut s, &p, 9), None);
        assert_eq!(writes_mutable_default(&mut s, &p, 12), Some((11, "seen".into())));
    }
}
