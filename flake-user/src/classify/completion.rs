//! Results taken in completion order and paired with the inputs by
//! position: `zip(items, as_completed(futures))`, `enumerate(...)` over
//! `imap_unordered`, or a list built from `as_completed` that is zipped
//! with the inputs later; and the first to finish taken as the answer
//! (`wait(..., return_when=FIRST_COMPLETED)`: a hedged read, a race); and
//! tasks started one per request whose coroutine, once its await returns,
//! stores its result into shared state unconditionally: the last to finish
//! wins, not the last started (a stale search result over a newer one). Which result comes first depends on which piece
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

/// Whether line text `t` loops over results in completion order
/// (`for fut in as_completed(futures):`).
fn loops_in_completion_order(t: &str) -> bool {
    (t.starts_with("for ") || t.starts_with("async for ")) && t.split_once(" in ").is_some_and(|(_, it)| completes(it))
}

/// For a loop over completion order at `lines[i]`: whether its body
/// appends to a sequence (`parts.append(fut.result())`, `buf.write(...)`)
/// that nothing sorts afterwards in the same block (a sum does not care).
fn appends_in_completion_order(lines: &[String], i: usize) -> bool {
    let base = super::source::indent(&lines[i]);
    let block: Vec<&str> = lines[i + 1..].iter().map(|m| code(m)).take_while(|m| m.trim().is_empty() || super::source::indent(m) > base).collect();
    let appends = block.iter().any(|m| [".append(", ".extend(", ".write("].iter().any(|w| m.contains(w)));
    // the rest of the enclosing function
    let def = super::spawns::def_of(lines, i as u32 + 1).map(|d| super::source::indent(&lines[d as usize - 1])).unwrap_or(0);
    let after: Vec<&str> = lines[i + 1..].iter().map(|m| code(m)).take_while(|m| m.trim().is_empty() || super::source::indent(m) > def).collect();
    appends && !after.iter().any(|m| m.contains("sorted(") || m.contains(".sort("))
}

/// Lines of `abs` where completion order is taken for input order: the
/// line that pairs by position, a loop over completion order appending to
/// a sequence nothing sorts, or the line that collects the results when a
/// later line of the same function zips them with something.
pub fn completion_pairings(src: &mut Sources, abs: &str) -> Vec<u32> {
    let Some(lines) = src.lines(abs).cloned() else { return vec![] };
    let mut out = vec![];
    for (i, l) in lines.iter().enumerate() {
        let t = code(l).trim();
        if pairs_by_position(t) || loops_in_completion_order(t) && appends_in_completion_order(&lines, i) {
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
    pairs_by_position(t) || collected_name(t).is_some() || loops_in_completion_order(t)
}

/// The name of the coroutine a task-starting line starts (`create_task(self._run(x))` -> `_run`).
fn started_coroutine(t: &str) -> Option<String> {
    let at = ["create_task(", "ensure_future("].iter().find_map(|k| t.find(k).map(|p| p + k.len()))?;
    let arg = t[at..].trim_start();
    let arg = arg.strip_prefix("self.").unwrap_or(arg);
    let name: String = arg.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    (!name.is_empty() && arg[name.len()..].starts_with('(')).then_some(name)
}

/// (line, start line): in `abs`, a coroutine started as a task at the start
/// line that, after its first await, assigns to an attribute of `self` at
/// the function's top level (no test of the state around it).
pub fn spawned_writes(src: &mut Sources, abs: &str) -> Vec<(u32, u32)> {
    let Some(lines) = src.lines(abs).cloned() else { return vec![] };
    let mut out = vec![];
    for (i, l) in lines.iter().enumerate() {
        let Some(name) = started_coroutine(code(l)) else { continue };
        let def = format!("async def {name}(");
        let Some(d) = lines.iter().position(|x| code(x).trim_start().starts_with(&def)) else { continue };
        let Some((_, end)) = src.function_extent(abs, d as i32 + 1) else { continue };
        let body: Vec<(u32, &String)> = (d as u32 + 2..=end).map(|n| (n, &lines[n as usize - 1])).filter(|(_, x)| !code(x).trim().is_empty()).collect();
        let Some(base) = body.first().map(|(_, x)| super::source::indent(x)) else { continue };
        let Some(k) = body.iter().position(|(_, x)| code(x).contains("await ")) else { continue };
        let write = body[k + 1..].iter().find(|(_, x)| {
            let t = code(x).trim();
            super::source::indent(x) == base && t.starts_with("self.") && t.split_once('=').is_some_and(|(lhs, rhs)| !rhs.starts_with('=') && !lhs.ends_with(['!', '<', '>']))
        });
        if let Some(&(n, _)) = write {
            out.push((n, i as u32 + 1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::source::tests::src;

    #[test]
    fn a_started_coroutine_storing_its_result_unconditionally_is_found() {
        let text = "\
class Box:
    def on_input(self, text):
        task = asyncio.get_running_loop().create_task(self._run_query(text))
        self._tasks.add(task)

    async def _run_query(self, text):
        hits = await self._index.search(text)
        self.suggestions = hits

    def on_checked(self, text):
        asyncio.create_task(self._guarded(text))

    async def _guarded(self, text):
        hits = await self._index.search(text)
        if text == self.text:
            self.suggestions = hits
";
        let (_d, p, mut s) = src(text);
        assert_eq!(spawned_writes(&mut s, &p), vec![(8, 3)]);
    }

    #[test]
    fn completion_order_paired_by_position_is_found() {
        let text = "\
async def collect(suppliers):
    pending = [s.quote() for s in suppliers]
    out = {}
    for supplier, fut in zip(suppliers, asyncio.as_completed(pending)):
        out[supplier] = await fut
    return out

def prices(pool, items):
    results = [f.result() for f in as_completed(futs)]
    return dict(zip(items, results))

async def hedged(tasks):
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)

def fine(futs):
    for f in as_completed(futs):
        total += f.result()

def parts(pool, ranges):
    out = []
    for fut in as_completed([pool.submit(get, r) for r in ranges]):
        out.append(fut.result())
    return b\"\".join(out)

def sorted_later(futs):
    out = []
    for fut in as_completed(futs):
        out.append(fut.result())
    return sorted(out)
";
        let (_d, p, mut s) = src(text);
        assert_eq!(completion_pairings(&mut s, &p), vec![4, 9, 13, 21]);
        assert!(takes_completion_order("results = [f.result() for f in as_completed(futs)]"));
        assert!(takes_completion_order("for f in as_completed(futs):"));
        assert!(!takes_completion_order("for f in futs:"));
    }
}
