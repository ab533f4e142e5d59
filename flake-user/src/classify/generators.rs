//! A resource held across `yield`: a generator that yields from inside a
//! `with` block keeps what the block took (a pooled connection, a lock, a
//! slot) for as long as its consumer works between items — a slow upload
//! per row keeps the connection checked out for the whole export. Found in
//! the source of the code the failing runs ran, when some thread of those
//! runs waited for what the block takes; proven by pausing the generator
//! at its `yield` (held longer, more failures), fixed by taking the items
//! inside the block and yielding them after it closes.

use super::source::{code, indent, Sources};

/// A `yield` inside a `with` block of a generator.
#[derive(Clone, Debug, PartialEq)]
pub struct HeldYield {
    /// The `with` line.
    pub with: u32,
    /// The first `yield` in its block.
    pub at: u32,
    /// What the block takes, by its last name (`with self.pool.connection()
    /// as conn:` -> `connection`).
    pub taken: String,
}

fn is_yield(t: &str) -> bool {
    t == "yield" || t.starts_with("yield ") || t.starts_with("yield(") || t.contains("= yield ") || t.contains("= yield(")
}

/// The last name of what a `with` line takes (`with self._lock:` -> `_lock`,
/// `with pool.slot() as s:` -> `slot`).
pub fn taken_name(with_line: &str) -> String {
    let t = with_line.trim_start().trim_start_matches("async ").trim_start_matches("with ");
    let expr = t.split(" as ").next().unwrap_or(t).trim_end_matches(':').trim();
    let expr = expr.split('(').next().unwrap_or(expr);
    expr.rsplit('.').next().unwrap_or(expr).chars().filter(|c| c.is_alphanumeric() || *c == '_').collect()
}

/// Whether the `def` at line `d` (1-based) is decorated as a context
/// manager (`@contextmanager`, `@asynccontextmanager`, `@pytest.fixture`):
/// there, holding across `yield` is the point.
fn yields_by_design(lines: &[String], d: u32) -> bool {
    (1..d).rev().map(|n| lines[n as usize - 1].trim()).take_while(|t| t.starts_with('@')).any(|t| t.contains("contextmanager") || t.contains("fixture"))
}

/// Whether line `n` of file `path` is a `yield`.
pub fn yields_at(path: &std::path::Path, n: u32) -> bool {
    std::fs::read_to_string(path).ok().and_then(|t| t.lines().nth((n as usize).checked_sub(1)?).map(|l| is_yield(code(l).trim()))).unwrap_or(false)
}

/// The `yield`s inside `with` blocks of the generators of file `abs`.
/// Files opened and test helpers are not held resources.
pub fn held_across_yield(src: &mut Sources, abs: &str) -> Vec<HeldYield> {
    let Some(lines) = src.lines(abs).cloned() else { return vec![] };
    const NOT_HELD: &[&str] = &["open(", "raises(", "warns(", "suppress(", "patch(", "Temporary", "redirect_", "chdir("];
    let mut out = vec![];
    for (i, l) in lines.iter().enumerate() {
        let t = code(l).trim();
        let Some(head) = t.strip_prefix("with ").or_else(|| t.strip_prefix("async with ")) else { continue };
        if !t.ends_with(':') || NOT_HELD.iter().any(|w| head.contains(w)) {
            continue;
        }
        let w = i as u32 + 1;
        let Some(d) = super::spawns::def_of(&lines, w) else { continue };
        if yields_by_design(&lines, d) {
            continue;
        }
        let base = indent(l);
        // the block, leaving out functions defined inside it
        let mut nested: Option<usize> = None;
        for (j, b) in lines.iter().enumerate().skip(i + 1) {
            let bt = code(b).trim();
            if bt.is_empty() {
                continue;
            }
            if indent(b) <= base {
                break;
            }
            if nested.is_some_and(|n| indent(b) > n) {
                continue;
            }
            nested = (bt.starts_with("def ") || bt.starts_with("async def ") || bt.starts_with("class ")).then(|| indent(b));
            if is_yield(bt) {
                let taken = taken_name(t);
                if !taken.is_empty() {
                    out.push(HeldYield { with: w, at: j as u32 + 1, taken });
                }
                break;
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
    fn a_yield_inside_a_with_block_of_a_generator_is_found() {
        let text = "\
class Repo:
    def iter_orders(self, region=None):
        with self.pool.connection() as conn:
            for row in conn.select(region):
                yield row

    def rows(self):
        with self.pool.connection() as conn:
            rows = list(conn.select())
        yield from rows

    def each(self):
        with open(self.path) as f:
            for line in f:
                yield line

    @contextmanager
    def session(self):
        with self._lock:
            yield self

    def later(self):
        with self._lock:
            def inner():
                yield 1
            return inner
";
        let (_d, p, mut s) = src(text);
        assert_eq!(held_across_yield(&mut s, &p), vec![HeldYield { with: 3, at: 5, taken: "connection".into() }]);
        assert_eq!(taken_name("async with self._sem:"), "_sem");
        assert_eq!(taken_name("with pool.slot(timeout=1) as s:"), "slot");
    }
}
