//! Results taken in completion order and paired with the inputs by
//! position: `zip(items, as_completed(futures))`, `enumerate(...)` over
//! `imap_unordered`, or a list built from `as_completed` that is zipped
//! with the inputs later; and the first to finish taken as the answer
//! (`wait(..., return_when=FIRST_COMPLETED)`: a hedged read, a race). Which result comes first depends on which piece
//! of work finishes first, so the pairing is right only when they finish in
//! the order they were handed in. Found in the source of the code the
//! failing runs ran; proven by taking the results in input order, and in
//! the reverse order, at that line.

use super::source::{code, find_ident, Sources};

/// Calls that hand results back in completion order.
const COMPLETION: &[&str] = &["as_completed(", "imap_unordered("];

fn completes(t: &str) -> bool {
    COMPLETION.iter().any(|c| t.contains(c))
}

/// Whether line text `t` pairs completion-ordered results with something
/// by position on the line itself, or takes whichever finishes first.
pub fn pairs_by_position(t: &str) -> bool {
    completes(t) && (t.contains("zip(") || t.contains("enumerate(")) || (t.contains("wait(") && t.contains("FIRST_COMPLETED"))
}

/// The name line text `t` assigns a completion-ordered collection to
/// (`results = [f.result() for f in as_completed(fs)]`, `out = list(pool.imap_unordered(...))`).
fn collected_name(t: &str) -> Option<String> {
    let (lhs, rhs) = t.split_once('=')?;
    if rhs.starts_with('=') || !completes(rhs) || !(rhs.trim_start().starts_with('[') || rhs.trim_start().starts_with("list(")) {
        return None;
    }
    let name = lhs.trim();
    (!name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_')).then(|| name.to_string())
}

/// Lines of `abs` where completion order is taken for input order: the
/// line that pairs by position, or the line that collects the results when
/// a later line of the same function zips them with something.
pub fn completion_pairings(src: &mut Sources, abs: &str) -> Vec<u32> {
    let Some(lines) = src.lines(abs).cloned() else { return vec![] };
    let mut out = vec![];
    for (i, l) in lines.iter().enumerate() {
        let t = code(l).trim();
        if pairs_by_position(t) {
            out.push(i as u32 + 1);
            continue;
        }
        let Some(name) = collected_name(t) else { continue };
        let base = super::source::indent(l);
        let zipped = lines[i + 1..]
            .iter()
            .take_while(|m| code(m).trim().is_empty() || super::source::indent(m) >= base)
            .any(|m| {
                let m = code(m);
                (m.contains("zip(") || m.contains("enumerate(")) && !find_ident(m, &name).is_empty()
            });
        if zipped {
            out.push(i as u32 + 1);
        }
    }
    out
}

/// Whether the line a cause names takes completion order for input order
/// (the cause's source line text).
pub fn takes_completion_order(t: &str) -> bool {
    pairs_by_position(t) || collected_name(t).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::source::tests::src;

    #[test]
    fn completion_order_paired_by_position_is_found() {
        let text = "\
async def collect(carriers):
    pending = [c.quote() for c in carriers]
    out = {}
    for carrier, fut in zip(carriers, asyncio.as_completed(pending)):
        out[carrier] = await fut
    return out

def prices(pool, items):
    results = [f.result() for f in as_completed(futs)]
    return dict(zip(items, results))

async def hedged(tasks):
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)

def fine(futs):
    for f in as_completed(futs):
        total += f.result()
";
        let (_d, p, mut s) = src(text);
        assert_eq!(completion_pairings(&mut s, &p), vec![4, 9, 13]);
        assert!(takes_completion_order("results = [f.result() for f in as_completed(futs)]"));
        assert!(!takes_completion_order("for f in as_completed(futs):"));
    }
}
