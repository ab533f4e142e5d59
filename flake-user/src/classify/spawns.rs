//! Tasks started and not waited for ("fire and forget"): a line that hands
//! a coroutine to `create_task` / `ensure_future` in a function that never
//! awaits the task it made. The caller goes on at once, so whatever the
//! task does after its first await races with the code that follows the
//! call; the line that starts it is where the order is decided (await the
//! task, or do the work before returning). Found in the source; proven by
//! stretching and shrinking the waits of the tasks that line starts.

use super::source::{code, find_ident, indent, Sources};

const STARTS: &[&str] = &["create_task(", "ensure_future(", "run_coroutine_threadsafe("];

/// The def line of the function holding line `n` (1-based), if any.
pub(super) fn def_of(lines: &[String], n: u32) -> Option<u32> {
    let mut limit = indent(lines.get(n as usize - 1)?);
    for i in (0..n as usize - 1).rev() {
        let l = &lines[i];
        let t = code(l).trim();
        if t.is_empty() || indent(l) >= limit {
            continue;
        }
        limit = indent(l);
        if t.starts_with("def ") || t.starts_with("async def ") {
            return Some(i as u32 + 1);
        }
        if limit == 0 {
            break;
        }
    }
    None
}

/// Whether line text `t` waits for the task held in `name`.
fn waits_for(t: &str, name: &str) -> bool {
    if find_ident(t, name).is_empty() && !t.contains(&format!("self.{name}")) {
        return false;
    }
    ["await ", "gather(", "wait(", "wait_for(", ".result(", "run_until_complete("].iter().any(|w| t.contains(w))
}

/// Lines of `abs` that start a task no code of the same function waits for.
pub fn fire_and_forget(src: &mut Sources, abs: &str) -> Vec<u32> {
    let Some(lines) = src.lines(abs).cloned() else { return vec![] };
    let mut out = vec![];
    for (i, l) in lines.iter().enumerate() {
        let t = code(l).trim();
        let n = i as u32 + 1;
        if !STARTS.iter().any(|s| t.contains(s)) || t.starts_with("await ") || t.contains("= await ") || t.starts_with("def ") {
            continue;
        }
        let Some(d) = def_of(&lines, n) else { continue };
        let Some((_, end)) = src.function_extent(abs, d as i32) else { continue };
        // the name the task is kept under, if any (`task = ...`, `self.t = ...`)
        let kept = t.split_once('=').filter(|(l, r)| !r.starts_with('=') && !l.contains('(')).map(|(l, _)| l.trim().trim_start_matches("self.").to_string());
        let awaited = kept.as_deref().is_some_and(|k| (n + 1..=end).any(|m| waits_for(code(&lines[m as usize - 1]), k)));
        if awaited {
            continue;
        }
        // A helper that starts the task and hands it back: the lines that
        // call it and drop what it returns are the starts.
        let returned = kept.as_deref().is_some_and(|k| (n + 1..=end).any(|m| code(&lines[m as usize - 1]).trim() == format!("return {k}")));
        let helper = (returned || t.starts_with("return ")).then(|| def_name(&lines[d as usize - 1])).flatten();
        match helper {
            Some(name) => out.extend(dropped_calls(&lines, &name)),
            None => out.push(n),
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The name a `def` line defines.
fn def_name(l: &str) -> Option<String> {
    let t = code(l).trim();
    let rest = t.strip_prefix("async ").unwrap_or(t).strip_prefix("def ")?;
    let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    (!name.is_empty()).then_some(name)
}

/// Lines calling `name(...)` as a statement of its own (what it returns dropped).
fn dropped_calls(lines: &[String], name: &str) -> Vec<u32> {
    let call = format!("{name}(");
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            let t = code(l).trim();
            let t = t.strip_prefix("self.").unwrap_or(t);
            t.starts_with(&call) && t.ends_with(')')
        })
        .map(|(i, _)| i as u32 + 1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::source::tests::src;

    #[test]
    fn a_task_started_and_never_awaited_is_found() {
        let text = "\
import asyncio

class Hub:
    def subscribe(self, topic):
        sub = object()
        task = asyncio.get_running_loop().create_task(self._attach(sub))
        self._tasks.add(task)
        return sub

    async def _attach(self, sub):
        b = asyncio.ensure_future(self.broker.bind(sub))
        await b
        self._subs.append(sub)

    async def both(self):
        t = asyncio.create_task(self.one())
        await self.two()
        await t

    async def fire(self):
        asyncio.create_task(self.one())  # not kept
";
        let (_d, p, mut s) = src(text);
        assert_eq!(fire_and_forget(&mut s, &p), vec![6, 21]);
    }

    #[test]
    fn a_spawn_helper_points_at_the_calls_that_drop_its_task() {
        let text = "\
class Rooms:
    def _spawn(self, coro):
        task = asyncio.get_running_loop().create_task(coro)
        self._background.add(task)
        return task

    async def join(self, room, user):
        self._spawn(self._announce(room, user))
        await self._store.add(room, user)

    async def kept(self):
        t = self._spawn(self._announce(1, 2))
        await t
";
        let (_d, p, mut s) = src(text);
        assert_eq!(fire_and_forget(&mut s, &p), vec![8]);
    }
}
