//! Directory listings used in the order the file system returns them:
//! `os.listdir`, `os.scandir`, `glob.glob`, `Path.iterdir`/`glob`/`rglob`
//! with no `sorted()` around them and no `.sort()` of what they returned.
//! That order is the directory's internal order (hash order of the names on
//! ext4, creation order elsewhere), so code that processes files "in
//! order" — the last one wins, the first is the newest — works on one
//! machine or one run and not the next. Found in the source of the code
//! the failing runs ran; proven by handing the listing out sorted by name,
//! then in the reverse order, at that line.

use super::source::{code, find_ident, indent, Sources};

/// Calls that list a directory in the file system's order.
const LISTING: &[&str] = &["os.listdir(", "listdir(", "os.scandir(", "scandir(", "glob.glob(", "glob.iglob(", ".iterdir(", ".rglob(", ".glob("];

/// Whether line text `t` lists a directory without sorting the listing on
/// the line itself.
pub fn lists_unsorted(t: &str) -> bool {
    let t = code(t);
    LISTING.iter().any(|c| t.contains(c)) && !t.contains("sorted(") && !t.trim_start().starts_with("def ") && !t.trim_start().starts_with("import ")
}

/// The name a line assigns its listing to (`names = os.listdir(d)`).
fn assigned_name(t: &str) -> Option<String> {
    let (lhs, rhs) = code(t).split_once('=')?;
    if rhs.starts_with('=') || lhs.ends_with(['!', '<', '>']) {
        return None;
    }
    let name = lhs.trim();
    (!name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_')).then(|| name.to_string())
}

/// Lines of `abs` that use a directory listing in the file system's order:
/// the listing is not sorted on its line, and the name it is stored in is
/// not sorted (`.sort()`, `sorted(name...)`) further down its block.
pub fn unsorted_listings(src: &mut Sources, abs: &str) -> Vec<u32> {
    let Some(lines) = src.lines(abs).cloned() else { return vec![] };
    let mut out = vec![];
    for (i, l) in lines.iter().enumerate() {
        if !lists_unsorted(l) {
            continue;
        }
        if let Some(name) = assigned_name(l) {
            let base = indent(l);
            let sorted_later = lines[i + 1..].iter().take_while(|m| code(m).trim().is_empty() || indent(m) >= base).any(|m| {
                let m = code(m);
                m.contains(&format!("{name}.sort(")) || (m.contains("sorted(") && !find_ident(m, &name).is_empty())
            });
            if sorted_later {
                continue;
            }
        }
        out.push(i as u32 + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::source::tests::src;

    #[test]
    fn listings_used_in_file_system_order_are_found() {
        let text = "\
import os
from pathlib import Path

def pending(spool):
    names = os.listdir(spool)
    return [os.path.join(spool, n) for n in names]

def pending_sorted(spool):
    return sorted(os.listdir(spool))

def later_sorted(spool):
    names = os.listdir(spool)
    names.sort()
    return names

def each(d):
    for p in Path(d).iterdir():
        yield p
";
        let (_d, p, mut s) = src(text);
        assert_eq!(unsorted_listings(&mut s, &p), vec![5, 17]);
        assert!(lists_unsorted("for e in os.scandir(d):") && !lists_unsorted("files = sorted(glob.glob('*.json'))"));
    }
}
