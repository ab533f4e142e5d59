//! Reading the project's own Python source around a site: the extent of a
//! function, which shared names (`self.attr`, declared globals) each line
//! reads or writes, loops over them, and where a value read at one line is
//! stored into shared state later. Text-level and forgiving: used only to
//! move a cause from the line where an event was seen to the line that
//! introduces the problem (the stale write, the unguarded check, the loop
//! across a suspension, the global assignment), never to invent one.

use std::collections::{BTreeSet, HashMap};

/// Source files, read once.
#[derive(Default)]
pub struct Sources {
    files: HashMap<String, Option<Vec<String>>>,
    /// The project's Python files, once listed (see `provenance`).
    pub(super) project: Option<Vec<String>>,
}

/// How a line touches a shared name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
    /// `for ... in <name>` (iteration).
    Iter,
}

/// A line of a function that touches a shared name.
#[derive(Clone, Debug, PartialEq)]
pub struct Touch {
    pub line: u32,
    pub name: String,
    pub access: Access,
    /// An augmented assignment (`x += 1`: it reads and writes at once)
    /// inside a `with <lock>:` block, so it never writes a stale value.
    pub synced: bool,
}

/// Whether source `text` writes `name`, as `self.name` or as a bare name.
fn writes_name(text: &str, name: &str) -> bool {
    let attr = format!("self.{name}");
    text.lines().map(code).any(|l| {
        let after_attr = l.match_indices(&attr).any(|(at, _)| {
            let end = at + attr.len();
            (at == 0 || !is_ident(l.as_bytes()[at - 1])) && !l.as_bytes().get(end).is_some_and(|&b| is_ident(b)) && is_write_after(&l[end..])
        });
        after_attr || find_ident(l, name).into_iter().any(|at| !in_brackets(&l[..at]) && is_write_after(&l[at + name.len()..]))
    })
}

/// Whether the end of `before` (a line up to a name) is inside brackets:
/// `name=` there is a keyword argument, not an assignment.
fn in_brackets(before: &str) -> bool {
    let mut depth = 0i32;
    for b in before.bytes() {
        match b {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

/// Whether an augmented assignment follows a name.
fn is_augmented(rest: &str) -> bool {
    let r = rest.trim_start();
    ["+=", "-=", "*=", "/=", "|=", "&=", "^=", "//=", "%="].iter().any(|op| r.starts_with(op))
}

/// Whether line `n` (1-based) of `lines` lies in the body of a `with`
/// statement over a lock (a name with lock, mutex, semaphore or condition
/// in it).
fn under_lock(lines: &[String], n: u32) -> bool {
    let Some(l) = lines.get((n as usize).wrapping_sub(1)) else { return false };
    let mut limit = indent(l);
    for l in lines[..n as usize - 1].iter().rev() {
        let t = code(l).trim();
        if t.is_empty() || indent(l) >= limit {
            continue;
        }
        limit = indent(l);
        let head = t.strip_prefix("async ").unwrap_or(t);
        if let Some(expr) = head.strip_prefix("with ") {
            let e = expr.to_ascii_lowercase();
            if ["lock", "mutex", "semaphore", "condition", "_cv", "_cond"].iter().any(|k| e.contains(k)) {
                return true;
            }
        }
        if head.starts_with("def ") || head.starts_with("class ") || limit == 0 {
            return false;
        }
    }
    false
}

/// What [`Sources::race_line`] found.
#[derive(Clone, Debug, PartialEq)]
pub struct RaceLine {
    pub line: u32,
    pub name: String,
    /// "iterates", "writes back", "checks then acts on"
    pub what: &'static str,
    /// 0..: how good the match is.
    pub quality: u32,
}

/// Methods that change the object they are called on: a container's, and
/// a store's, cache's or registry's (`self.store.put(post)` after
/// `self.store.exists(...)`). Not `save`/`delete`: on a backend or client
/// they are the slow call itself (`await self._backend.save(sid, s)`).
const MUTATORS: &[&str] = &[
    "append", "pop", "popitem", "update", "clear", "extend", "insert", "remove", "discard", "add", "setdefault", "popleft", "appendleft",
    "put", "set", "register",
];

pub(super) fn indent(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Code part of a line (comment cut, naive about `#` in strings).
pub(super) fn code(s: &str) -> &str {
    let mut in_s: Option<char> = None;
    for (i, c) in s.char_indices() {
        match in_s {
            Some(q) if c == q => in_s = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => in_s = Some(c),
            None if c == '#' => return &s[..i],
            None => {}
        }
    }
    s
}

/// How many brackets a code line opens minus how many it closes.
pub(super) fn bracket_balance(c: &str) -> i32 {
    c.chars()
        .map(|ch| match ch {
            '(' | '[' | '{' => 1,
            ')' | ']' | '}' => -1,
            _ => 0,
        })
        .sum()
}

/// Occurrences of `name` as a whole identifier in `s` (positions).
pub(super) fn find_ident(s: &str, name: &str) -> Vec<usize> {
    let b = s.as_bytes();
    let mut out = vec![];
    let mut from = 0;
    while let Some(p) = s[from..].find(name) {
        let at = from + p;
        let end = at + name.len();
        let before_ok = at == 0 || (!is_ident(b[at - 1]) && b[at - 1] != b'.');
        let after_ok = end >= b.len() || !is_ident(b[end]);
        if before_ok && after_ok {
            out.push(at);
        }
        from = end;
    }
    out
}

/// Whether a line calls a method through `self.name` (`await
/// self._backend.save(...)`): that call is the slow call itself.
fn calls_method_through(text: &str, name: &str) -> bool {
    let head = format!("self.{name}.");
    text.match_indices(&head).any(|(i, _)| {
        let rest = &text[i + head.len()..];
        let ident: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        !ident.is_empty() && rest[ident.len()..].trim_start().starts_with('(')
    })
}

/// Whether a line augments state reached through `self.name` (or the name
/// itself) with a call on its right (`self.stats.acked += self.store.put(p)`,
/// `self.total -= fetch()`): the old value is read before the call runs and
/// written back after it returns.
pub(super) fn augments_across_call(text: &str, name: &str) -> bool {
    let t = code(text).trim();
    const OPS: &[&str] = &["+=", "-=", "*=", "/=", "|=", "&=", "^=", "//=", "%="];
    let Some((pos, op)) = OPS.iter().filter_map(|op| t.find(op).map(|p| (p, *op))).min_by_key(|x| x.0) else { return false };
    let (lhs, rhs) = (t[..pos].trim(), &t[pos + op.len()..]);
    let target = lhs.strip_prefix("self.").unwrap_or(lhs);
    let first: String = target.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    first == name && !lhs.contains('(') && rhs.contains('(')
}

/// Whether the text after a name (at `rest`) makes the occurrence a write.
/// The name of the class whose body holds the `def` at line `def`.
fn enclosing_class(lines: &[String], def: u32) -> Option<String> {
    let own = indent(lines.get(def as usize - 1)?);
    (1..def).rev().map(|n| &lines[n as usize - 1]).find(|l| !code(l).trim().is_empty() && indent(l) < own).and_then(|l| {
        let t = code(l).trim().strip_prefix("class ")?;
        let name: String = t.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        (!name.is_empty()).then_some(name)
    })
}

/// Reads and writes of the class's own attributes through its name
/// (`Label._last_serial`) in lines `a..=b`, named `Class.attr`.
fn class_touches(lines: &[String], a: u32, b: u32, class: &str) -> Vec<Touch> {
    let mut out = vec![];
    for n in a..=b.min(lines.len() as u32) {
        let c = code(&lines[n as usize - 1]);
        for at in find_ident(c, class) {
            let Some(rest) = c[at + class.len()..].strip_prefix('.') else { continue };
            let attr: String = rest.chars().take_while(|ch| ch.is_alphanumeric() || *ch == '_').collect();
            let after = &rest[attr.len()..];
            if attr.is_empty() || after.trim_start().starts_with('(') {
                continue;
            }
            let access = if is_write_after(after) { Access::Write } else { Access::Read };
            let synced = access == Access::Write && is_augmented(after) && under_lock(lines, n);
            out.push(Touch { line: n, name: format!("{class}.{attr}"), access, synced });
        }
    }
    out
}

pub(super) fn is_write_after(rest: &str) -> bool {
    let r = rest.trim_start();
    if r.starts_with("==") {
        return false;
    }
    if r.starts_with('=') || ["+=", "-=", "*=", "/=", "|=", "&=", "^=", "//=", "%="].iter().any(|op| r.starts_with(op)) {
        return true;
    }
    if r.starts_with('[') {
        // subscript assignment: self.x[k] = v
        let mut depth = 0i32;
        for (i, c) in r.char_indices() {
            match c {
                '[' => depth += 1,
                ']' => {
                    depth -= 1;
                    if depth == 0 {
                        return is_write_after(&r[i + 1..]) && !r[i + 1..].trim_start().starts_with('[');
                    }
                }
                _ => {}
            }
        }
        return false;
    }
    if let Some(m) = r.strip_prefix('.') {
        let name: String = m.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        return MUTATORS.contains(&name.as_str()) && m[name.len()..].trim_start().starts_with('(');
    }
    false
}

impl Sources {
    pub fn lines(&mut self, abs: &str) -> Option<&Vec<String>> {
        self.files
            .entry(abs.to_string())
            .or_insert_with(|| std::fs::read_to_string(abs).ok().map(|t| t.lines().map(str::to_string).collect()))
            .as_ref()
    }

    /// Text of line `n` (1-based), trimmed.
    pub fn line_text(&mut self, abs: &str, n: u32) -> Option<String> {
        let l = self.lines(abs)?;
        l.get((n as usize).checked_sub(1)?).map(|s| s.trim().to_string())
    }

    /// (def line, last line) of the first function named `name` in the
    /// file (a method or a nested function too).
    pub fn named_function_extent(&mut self, abs: &str, name: &str) -> Option<(u32, u32)> {
        let head = format!("{name}(");
        let def = self.lines(abs)?.iter().position(|l| {
            let t = l.trim_start();
            t.strip_prefix("def ").or_else(|| t.strip_prefix("async def ")).is_some_and(|r| r.starts_with(&head))
        })?;
        self.function_extent(abs, def as i32 + 1)
    }

    /// (def line, last line) of the function starting at `firstlineno`
    /// (decorators skipped), 1-based inclusive.
    pub fn function_extent(&mut self, abs: &str, firstlineno: i32) -> Option<(u32, u32)> {
        let lines = self.lines(abs)?;
        let mut d = (firstlineno.max(1) - 1) as usize;
        while d < lines.len() {
            let t = lines[d].trim_start();
            if t.starts_with("def ") || t.starts_with("async def ") {
                break;
            }
            if !(t.starts_with('@') || t.is_empty()) {
                // A module or class body (firstlineno 1): the whole file.
                return Some((firstlineno.max(1) as u32, lines.len() as u32));
            }
            d += 1;
        }
        if d >= lines.len() {
            return None;
        }
        let base = indent(&lines[d]);
        // Skip the signature (may span lines) up to the line ending with ':'.
        let mut i = d;
        while i < lines.len() && !code(&lines[i]).trim_end().ends_with(':') {
            i += 1;
        }
        let mut end = i;
        for (j, l) in lines.iter().enumerate().skip(i + 1) {
            if l.trim().is_empty() {
                continue;
            }
            if indent(l) <= base {
                break;
            }
            end = j;
        }
        Some((d as u32 + 1, end as u32 + 1))
    }

    /// The next line after `n` with code on it, in the function starting
    /// at `firstlineno`: where a pause lands right after line `n` ran.
    pub fn next_code_line(&mut self, abs: &str, firstlineno: i32, n: u32) -> Option<u32> {
        let (_, end) = self.function_extent(abs, firstlineno)?;
        let lines = self.lines(abs)?;
        (n + 1..=end).find(|&m| lines.get(m as usize - 1).is_some_and(|l| !code(l).trim().is_empty()))
    }

    /// Qualified name (`Class.method`) of the function or class whose body
    /// holds line `n` (1-based); `<module>` at module level.
    pub fn enclosing_name(&mut self, abs: &str, n: u32) -> String {
        let Some(lines) = self.lines(abs) else { return String::new() };
        let mut names: Vec<String> = vec![];
        let mut limit = lines.get((n as usize).saturating_sub(1)).map(|l| indent(l)).unwrap_or(0);
        for l in lines.iter().take((n as usize).saturating_sub(1)).rev() {
            let t = code(l).trim();
            if t.is_empty() || indent(l) >= limit {
                continue;
            }
            limit = indent(l);
            let head = t.strip_prefix("async ").unwrap_or(t);
            if let Some(rest) = head.strip_prefix("def ").or_else(|| head.strip_prefix("class ")) {
                let name: String = rest.bytes().take_while(|&b| is_ident(b)).map(char::from).collect();
                names.push(name);
            }
            if limit == 0 {
                break;
            }
        }
        if names.is_empty() {
            return "<module>".into();
        }
        names.reverse();
        names.join(".")
    }

    /// Names declared `global` in lines `a..=b`.
    fn globals(&mut self, abs: &str, a: u32, b: u32) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        if let Some(lines) = self.lines(abs) {
            for l in lines.iter().take(b as usize).skip(a as usize - 1) {
                if let Some(rest) = code(l).trim().strip_prefix("global ") {
                    out.extend(rest.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()));
                }
            }
        }
        out
    }

    /// Shared-name touches of lines `a..=b` of `abs` (self attributes and
    /// the given globals).
    pub fn touches(&mut self, abs: &str, a: u32, b: u32, globals: &BTreeSet<String>) -> Vec<Touch> {
        let mut out = vec![];
        let Some(lines) = self.lines(abs) else { return out };
        for n in a..=b.min(lines.len() as u32) {
            let raw = &lines[n as usize - 1];
            let c = code(raw);
            let t = c.trim();
            if t.starts_with("global ") || t.starts_with("def ") || t.starts_with("async def ") {
                continue;
            }
            let loop_src = (t.starts_with("for ") || t.starts_with("async for ")).then(|| t.find(" in ").map(|p| &t[p + 4..])).flatten();
            // self.attr
            let mut from = 0;
            while let Some(p) = c[from..].find("self.") {
                let at = from + p;
                from = at + 5;
                if at > 0 && is_ident(c.as_bytes()[at - 1]) {
                    continue;
                }
                let name: String = c[at + 5..].chars().take_while(|ch| ch.is_alphanumeric() || *ch == '_').collect();
                if name.is_empty() {
                    continue;
                }
                let rest = &c[at + 5 + name.len()..];
                // a method call on self is not state
                if rest.trim_start().starts_with('(') {
                    continue;
                }
                // `for _ in range(self.size)` reads a number, it iterates no container
                let access = if loop_src.is_some_and(|src| src.contains(&format!("self.{name}")) && !src.trim_start().starts_with("range(")) {
                    Access::Iter
                } else if is_write_after(rest) || t.starts_with(&format!("del self.{name}")) {
                    Access::Write
                } else {
                    Access::Read
                };
                let synced = access == Access::Write && is_augmented(rest) && under_lock(lines, n);
                out.push(Touch { line: n, name, access, synced });
            }
            for g in globals {
                for at in find_ident(c, g) {
                    let rest = &c[at + g.len()..];
                    let access = if loop_src.is_some_and(|src| !find_ident(src, g).is_empty()) {
                        Access::Iter
                    } else if !in_brackets(&c[..at]) && is_write_after(rest) {
                        Access::Write
                    } else {
                        Access::Read
                    };
                    let synced = access == Access::Write && is_augmented(rest) && under_lock(lines, n);
                    out.push(Touch { line: n, name: g.clone(), access, synced });
                }
            }
        }
        out
    }

    /// Lines `a..=b` of a loop starting at `head` (its body's extent).
    fn loop_end(&mut self, abs: &str, head: u32) -> u32 {
        let Some(lines) = self.lines(abs) else { return head };
        let base = indent(&lines[head as usize - 1]);
        let mut end = head;
        for (j, l) in lines.iter().enumerate().skip(head as usize) {
            if l.trim().is_empty() {
                continue;
            }
            if indent(l) <= base {
                break;
            }
            end = j as u32 + 1;
        }
        end
    }

    /// The line of function (`abs`, `firstlineno`) that makes a suspension
    /// at `at` (the function was waiting or descheduled there while another
    /// actor ran) unsafe: a loop over shared state enclosing `at`, a write of
    /// shared state after `at` (quality higher when it was read before), or
    /// a read before it. `others` are source texts the other actor ran:
    /// names they mention are preferred.
    ///
    /// With `first_use` (an asyncio task, which other tasks interleave with
    /// only at its awaits), the line is the first use after `at` of a name
    /// read before it, read or write: from there on the task works on a view
    /// another task may have changed.
    ///
    /// With `objects`, objects taken from shared state into locals count as
    /// shared state too ([`Sources::object_touches`]).
    pub fn race_line(&mut self, abs: &str, firstlineno: i32, at: u32, others: &[String], first_use: bool, objects: bool) -> Option<RaceLine> {
        let (a, b) = self.function_extent(abs, firstlineno)?;
        if !(a..=b).contains(&at) {
            return None;
        }
        let globals = self.globals(abs, a, b);
        let mut touches = self.touches(abs, a + 1, b, &globals);
        // a constructor's own attributes are on an object nobody else has
        // yet; its class's attributes (`Label._last_serial`) are everyone's
        let lines = self.lines(abs)?.clone();
        if code(&lines[a as usize - 1]).trim_start().starts_with("def __init__(") {
            touches.clear();
            touches.extend(self.touches(abs, a + 1, b, &globals).into_iter().filter(|t| globals.contains(&t.name)));
        }
        if let Some(class) = enclosing_class(&lines, a) {
            touches.extend(class_touches(&lines, a + 1, b, &class));
        }
        if objects {
            touches.extend(self.object_touches(abs, a + 1, b));
        }
        let mut best: Option<RaceLine> = None;
        let mut names: Vec<&str> = touches.iter().map(|t| t.name.as_str()).collect();
        names.sort();
        names.dedup();
        for name in names {
            let shared_with_other = others.iter().any(|o| o.contains(&format!("self.{name}")) || !find_ident(o, name).is_empty());
            let other_writes = others.iter().any(|o| writes_name(o, name));
            let bonus = if shared_with_other { 4 } else { 0 };
            let of: Vec<&Touch> = touches.iter().filter(|t| t.name == name).collect();
            // a method called through the name on the slow call's own line
            // (`await self._backend.save(...)`) is that call, not a write after it
            let at_text = self.line_text(abs, at).unwrap_or_default();
            let calls_through = calls_method_through(&at_text, name);
            // `self.stats.acked += self.store.put(...)`: read before the slow
            // call on its own line, written back after it
            let augments_here = augments_across_call(&at_text, name);
            let mut cands: Vec<RaceLine> = vec![];
            for t in &of {
                if t.access == Access::Iter && t.line <= at && self.loop_end(abs, t.line) >= at && t.line != at {
                    cands.push(RaceLine { line: t.line, name: name.into(), what: "iterates", quality: 6 + bonus });
                }
            }
            let read_before = augments_here || of.iter().any(|t| t.line <= at && t.access != Access::Write);
            // the awaited result assigned on the await's own line
            // (`self._pool = await make()`) is the first use after it
            let used_after = of.iter().find(|t| (t.line > at || (t.line == at && t.access == Access::Write && !calls_through)) && !t.synced).filter(|_| first_use && read_before);
            if let Some(u) = used_after {
                let what = if u.access == Access::Write { "writes back" } else { "re-reads" };
                cands.push(RaceLine { line: u.line, name: name.into(), what, quality: 5 + bonus });
            } else if augments_here {
                cands.push(RaceLine { line: at, name: name.into(), what: "writes back", quality: 5 + bonus });
            } else if let Some(w) = of.iter().find(|t| t.line >= at && t.access == Access::Write && !t.synced && !(t.line == at && calls_through)) {
                let q = if read_before { 5 } else { 3 };
                cands.push(RaceLine { line: w.line, name: name.into(), what: if read_before { "writes back" } else { "overwrites" }, quality: q + bonus });
            } else if read_before && other_writes {
                // check-then-act whose act is elsewhere
                if let Some(r) = of.iter().rev().find(|t| t.line <= at && t.access != Access::Write) {
                    cands.push(RaceLine { line: r.line, name: name.into(), what: "checks then acts on", quality: 1 + bonus });
                }
            }
            for c in cands {
                // the first use after an await comes first among equals
                if best.as_ref().map_or(true, |b| c.quality > b.quality || (first_use && c.quality == b.quality && c.line < b.line)) {
                    best = Some(c);
                }
            }
        }
        best
    }

    /// Touches of objects taken from shared state into locals in lines
    /// `a..=b` (`seat = self._seats.get(k)`, then `seat.free`, `seat.holder =
    /// ...`; not the result of an await, which is fresh): the name is the
    /// local's; the binding line reads it, an
    /// attribute assignment or a mutating call through it writes it.
    pub fn object_touches(&mut self, abs: &str, a: u32, b: u32) -> Vec<Touch> {
        let Some(lines) = self.lines(abs) else { return vec![] };
        let b = b.min(lines.len() as u32);
        let mut bound: Vec<(String, u32)> = vec![];
        for n in a..=b {
            let t = code(&lines[n as usize - 1]).trim();
            let Some(eq) = t.find('=') else { continue };
            let (lhs, rhs) = (t[..eq].trim(), &t[eq + 1..]);
            if rhs.starts_with('=') || lhs.is_empty() || !lhs.bytes().all(is_ident) || lhs == "self" || !rhs.contains("self.") || rhs.contains("await ") {
                continue;
            }
            bound.push((lhs.to_string(), n));
        }
        let mut out = vec![];
        for (name, from) in bound {
            'lines: for n in from..=b {
                let c = code(&lines[n as usize - 1]);
                for at in find_ident(c, &name) {
                    let rest = &c[at + name.len()..];
                    let access = if n == from {
                        Access::Read
                    } else if let Some(m) = rest.strip_prefix('.') {
                        let attr: String = m.chars().take_while(|ch| ch.is_alphanumeric() || *ch == '_').collect();
                        if is_write_after(&m[attr.len()..]) || (MUTATORS.contains(&attr.as_str()) && m[attr.len()..].trim_start().starts_with('(')) {
                            Access::Write
                        } else {
                            Access::Read
                        }
                    } else if is_write_after(rest) {
                        break 'lines; // rebound: another object from here on
                    } else {
                        Access::Read
                    };
                    out.push(Touch { line: n, name: name.clone(), access, synced: false });
                }
            }
        }
        out
    }

    /// The `with` statement of function (`abs`, `firstlineno`) whose block
    /// holds line `at` when the call there does not use what it took (its
    /// `as` name is not on that line): (line of the `with`, its text). Files
    /// opened and test helpers (`raises`, `patch`, ...) are not held resources.
    pub fn holding_with(&mut self, abs: &str, firstlineno: i32, at: u32) -> Option<(u32, String)> {
        let (a, _) = self.function_extent(abs, firstlineno)?;
        let lines = self.lines(abs)?;
        let here = code(lines.get(at as usize - 1)?).to_string();
        let mut inner = indent(&here);
        for n in (a + 1..at).rev() {
            let l = &lines[n as usize - 1];
            let t = code(l).trim();
            if t.is_empty() || indent(l) >= inner {
                continue;
            }
            inner = indent(l);
            let Some(head) = t.strip_prefix("with ").or_else(|| t.strip_prefix("async with ")) else { continue };
            const NOT_HELD: &[&str] = &["open(", "raises(", "warns(", "suppress(", "patch(", "patch.object(", "Temporary", "redirect_", "chdir("];
            if NOT_HELD.iter().any(|w| head.contains(w)) {
                return None;
            }
            if let Some(p) = head.rfind(" as ") {
                let name: String = head[p + 4..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !name.is_empty() && !find_ident(&here, &name).is_empty() {
                    return None;
                }
            }
            return Some((n, t.to_string()));
        }
        None
    }

    /// When line `at` of function (`abs`, `firstlineno`) only stores a
    /// reading in a local (`now = datetime.now()`, `t = self._clock()`:
    /// one call, no arithmetic on it), the first later line of the function
    /// that uses that local: where the reading becomes a decision.
    pub fn use_of_bare_read(&mut self, abs: &str, firstlineno: i32, at: u32) -> Option<u32> {
        let (_, b) = self.function_extent(abs, firstlineno)?;
        let text = self.line_text(abs, at)?;
        let t = code(&text).trim().to_string();
        let eq = t.find('=')?;
        let (var, rhs) = (t[..eq].trim(), t[eq + 1..].trim());
        // `now = time.time() if now is None else now`: the read when none was given
        let rhs = match rhs.split_once(" if ") {
            Some((read, rest)) if rest.contains(" else ") => read.trim(),
            _ => rhs,
        };
        let callee = rhs.strip_suffix(')')?.split_once('(').map(|(f, args)| (f, args))?;
        let plain_call = callee.0.bytes().all(|c| is_ident(c) || c == b'.') && !callee.1.contains('(') && !rhs.starts_with('=');
        if var.is_empty() || !var.bytes().all(is_ident) || !plain_call {
            return None;
        }
        let lines = self.lines(abs)?;
        (at + 1..=b.min(lines.len() as u32)).find(|&n| !find_ident(code(&lines[n as usize - 1]), var).is_empty())
    }

    /// Whether the function starting at `firstlineno` only returns what one
    /// call gives, uncut (no `int()`, `//`, `.date()`..., no value handed to
    /// another function): a thin wrapper such as `def utcnow(): return
    /// datetime.now(tz)`.
    pub fn passes_reading_on(&mut self, abs: &str, firstlineno: i32) -> bool {
        let Some((a, b)) = self.function_extent(abs, firstlineno) else { return false };
        let Some(lines) = self.lines(abs) else { return false };
        let mut body = lines[a as usize..b as usize].iter().map(|l| code(l).trim()).filter(|t| !t.is_empty());
        // a one-line docstring may come first
        let first = body.next();
        let stmt = match first {
            Some(t) if t.starts_with("\"\"\"") || t.starts_with("'''") => body.next(),
            other => other,
        };
        let rest = body.next();
        // one call, the read itself (`datetime.now(tz)`): a value handed to
        // another function (`slot_of(time.time(), w)`) is being transformed
        stmt.is_some_and(|t| t.starts_with("return ") && !crate::classify::causes::truncates(t) && t.matches('(').count() <= 1) && rest.is_none()
    }

    /// Whether line `at` of the function starting at `firstlineno` reads
    /// the clock only as the fallback of a parameter callers may pass the
    /// time in (`def window(now=None): now = time.time() if now is None else
    /// now`): the caller that passed nothing is where the reading comes from.
    pub fn clock_fallback(&mut self, abs: &str, firstlineno: i32, at: u32) -> bool {
        const TIME_PARAMS: &[&str] = &["now", "when", "at", "ts", "timestamp", "t", "dt", "moment", "clock", "today"];
        let Some((a, _)) = self.function_extent(abs, firstlineno) else { return false };
        let Some(lines) = self.lines(abs) else { return false };
        let mut sig = String::new();
        for l in lines.iter().skip(a as usize - 1) {
            sig.push_str(code(l));
            if code(l).trim_end().ends_with(':') {
                break;
            }
        }
        let here = lines.get(at as usize - 1).map(|l| code(l).to_string()).unwrap_or_default();
        sig.split(['(', ',', ')'])
            .filter_map(|p| p.split_once('=').map(|(n, d)| (n.split(':').next().unwrap_or("").trim().to_string(), d.trim().to_string())))
            .any(|(n, d)| d == "None" && TIME_PARAMS.contains(&n.as_str()) && !find_ident(&here, &n).is_empty())
    }

    /// Whether the function starting at `firstlineno` is a coroutine (`async def`).
    pub fn is_async(&mut self, abs: &str, firstlineno: i32) -> bool {
        let Some((a, _)) = self.function_extent(abs, firstlineno) else { return false };
        self.line_text(abs, a).is_some_and(|t| t.starts_with("async def "))
    }

    /// Source text of the function holding (`abs`, `firstlineno`).
    pub fn function_text(&mut self, abs: &str, firstlineno: i32) -> String {
        let Some((a, b)) = self.function_extent(abs, firstlineno) else { return String::new() };
        let Some(lines) = self.lines(abs) else { return String::new() };
        lines[a as usize - 1..b as usize].join("\n")
    }

    /// Where the value produced at line `at` of function (`abs`,
    /// `firstlineno`) goes into shared state: `at` itself when it writes a
    /// global or attribute, else the first later line of the function that
    /// writes one from the variable assigned at `at`.
    pub fn state_sink(&mut self, abs: &str, firstlineno: i32, at: u32) -> Option<u32> {
        let (a, b) = self.function_extent(abs, firstlineno)?;
        if !(a..=b).contains(&at) {
            return None;
        }
        let globals = self.globals(abs, a, b);
        let here = self.touches(abs, at, at, &globals);
        if here.iter().any(|t| t.access == Access::Write) {
            return Some(at);
        }
        let text = self.line_text(abs, at)?;
        let t = code(&text).trim().to_string();
        let t = t.strip_prefix("with ").map(|s| s.to_string()).unwrap_or(t);
        // `v = ...`, `v, w = ...`, `... as v:`
        let mut vars: Vec<String> = vec![];
        if let Some(p) = t.find(" as ") {
            vars.push(t[p + 4..].trim_end_matches(':').trim().to_string());
        }
        if let Some(eq) = t.find('=') {
            let (lhs, rhs) = t.split_at(eq);
            if !rhs.starts_with("==") && !lhs.ends_with(['!', '<', '>']) {
                vars.extend(lhs.split(',').map(|s| s.trim().to_string()));
            }
        }
        vars.retain(|v| !v.is_empty() && v.bytes().all(is_ident));
        if vars.is_empty() {
            return None;
        }
        let later = self.touches(abs, at + 1, b, &globals);
        for w in later.iter().filter(|t| t.access == Access::Write) {
            let Some(lt) = self.line_text(abs, w.line) else { continue };
            if vars.iter().any(|v| !find_ident(code(&lt), v).is_empty()) {
                return Some(w.line);
            }
        }
        None
    }
}


/// A set built at `line` and iterated elsewhere in the same file, so the
/// iteration order depends on the string hash seed.
#[derive(Clone, Debug, PartialEq)]
pub struct HashOrdered {
    pub abs: String,
    pub line: u32,
    pub name: String,
    pub iter_line: u32,
}

/// Whether an expression (right-hand side) builds a set.
fn builds_set(rhs: &str) -> bool {
    let r = rhs.trim();
    if r.starts_with("set(") || r.starts_with("frozenset(") {
        return true;
    }
    if !r.starts_with('{') || r.starts_with("{}") {
        return false;
    }
    // a set display or comprehension has no ':' at depth 1
    let mut depth = 0i32;
    for c in r.chars() {
        match c {
            '{' | '[' | '(' => depth += 1,
            '}' | ']' | ')' => {
                depth -= 1;
                if depth == 0 {
                    return true;
                }
            }
            ':' if depth == 1 => return false,
            _ => {}
        }
    }
    false
}

impl Sources {
    /// Sets whose iteration order matters, in the given files.
    pub fn hash_ordered_sets(&mut self, files: &[String]) -> Vec<HashOrdered> {
        let mut out = vec![];
        for abs in files {
            let Some(lines) = self.lines(abs).cloned() else { continue };
            for (i, raw) in lines.iter().enumerate() {
                let c = code(raw).trim();
                let Some(eq) = c.find('=') else { continue };
                let (lhs, rhs) = (c[..eq].trim(), &c[eq + 1..]);
                if rhs.starts_with('=') || lhs.ends_with(['!', '<', '>', '=']) || !builds_set(rhs) {
                    continue;
                }
                let lhs = lhs.split(':').next().unwrap_or(lhs).trim();
                if lhs.is_empty() || !lhs.bytes().all(|b| is_ident(b) || b == b'.') {
                    continue;
                }
                let name = lhs.to_string();
                // iterated (not merely tested for membership, not sorted)
                let iter_line = lines.iter().enumerate().find_map(|(j, l)| {
                    let t = code(l);
                    let iterates = [format!(" in {name}"), format!("list({name}"), format!("tuple({name}"), format!("next(iter({name}"), format!("join({name}")]
                        .iter()
                        .any(|pat| {
                            t.find(pat.as_str()).is_some_and(|p| {
                                let end = p + pat.len();
                                let after_ok = t.as_bytes().get(end).map_or(true, |&b| !is_ident(b) && b != b'.' || pat.ends_with("("));
                                let for_ctx = !pat.starts_with(' ')
                                    || t[..p].rfind("for ").is_some_and(|fp| {
                                        t[fp + 4..p].bytes().all(|b| is_ident(b) || b == b',' || b == b' ' || b == b'(' || b == b')')
                                    });
                                after_ok && for_ctx && !t[..p].trim_end().ends_with("sorted(")
                            })
                        });
                    (iterates && j != i).then_some(j as u32 + 1)
                });
                if let Some(iter_line) = iter_line {
                    out.push(HashOrdered { abs: abs.clone(), line: i as u32 + 1, name, iter_line });
                }
            }
        }
        out
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A Python file holding `text`, and a fresh [`Sources`].
    pub(crate) fn src(text: &str) -> (tempfile::TempDir, String, Sources) {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("m.py");
        std::fs::write(&p, text).unwrap();
        (d, p.to_string_lossy().into_owned(), Sources::default())
    }

    const AGG: &str = "\
class A:
    def record(self, x):
        with self._lock:
            self._pending.append(x)

    def flush(self):
        batch = self._pending
        if not batch:
            return 0
        self._transport.send(batch)
        self._pending = []
        return len(batch)
";

    #[test]
    fn a_class_counter_read_in_a_constructor_and_written_back_after_a_slow_call_is_the_race() {
        let text = "class Label:\n    _last = 0\n\n    def __init__(self, zones, code):\n        serial = Label._last + 1\n        self.zone = zones.zone_for(code)\n        self.serial = serial\n        Label._last = serial\n";
        let (_d, p, mut s) = src(text);
        // suspended in the zone lookup: the constructor's own attributes are
        // on an object no other thread has; the class's counter is shared
        let r = s.race_line(&p, 4, 6, &[], false, false).unwrap();
        assert_eq!((r.line, r.name.as_str(), r.what), (8, "Label._last", "writes back"));
    }

    #[test]
    fn stale_write_back_is_found() {
        let (_d, p, mut s) = src(AGG);
        assert_eq!(s.function_extent(&p, 6), Some((6, 12)));
        let other = s.function_text(&p, 2);
        let r = s.race_line(&p, 6, 10, &[other], false, false).unwrap();
        assert_eq!((r.line, r.name.as_str(), r.what), (11, "_pending", "writes back"));
    }

    #[test]
    fn a_coroutine_reuses_after_its_await_what_it_read_before() {
        // state read before an await and read again after it
        let text = "\
class Basket:
    async def pay(self):
        if not self.lines:
            raise ValueError()
        total = self.sum()
        ref = await self.gateway.charge(total)
        rec = (tuple(self.lines), total, ref)
        self.lines.clear()
        return rec
";
        let (_d, p, mut s) = src(text);
        let r = s.race_line(&p, 2, 6, &[], true, true).unwrap();
        assert_eq!((r.line, r.name.as_str(), r.what), (7, "lines", "re-reads"));
        // without first_use the first write is named (threads)
        assert_eq!(s.race_line(&p, 2, 6, &[], false, false).unwrap().line, 8);
    }

    #[test]
    fn a_coroutine_acts_through_a_local_on_what_it_checked_before_its_await() {
        let text = "\
class Rooms:
    async def reserve(self, guest, room_id):
        room = self._rooms.get(room_id)
        if room.taken:
            raise KeyError(room_id)
        ok = await self._vetting.check(guest)
        if not ok:
            raise PermissionError()
        room.guest = guest
        self._log.append(room_id)
";
        let (_d, p, mut s) = src(text);
        let r = s.race_line(&p, 2, 6, &[], true, true).unwrap();
        assert_eq!((r.line, r.name.as_str(), r.what), (9, "room", "writes back"));
    }

    #[test]
    fn a_value_read_before_an_await_and_stored_after_it_through_a_method_is_written_back() {
        let text = "\
class Profiles:
    async def get(self, uid):
        cached = await self.cache.get(uid)
        if cached is not None:
            return cached
        row = await self.db.fetch(uid)
        await self.cache.set(uid, row)
        return row
";
        let (_d, p, mut s) = src(text);
        let r = s.race_line(&p, 2, 6, &[], true, true).unwrap();
        assert_eq!((r.line, r.name.as_str(), r.what), (7, "cache", "writes back"));
    }

    #[test]
    fn a_lazy_attribute_assigned_the_awaited_result_on_the_awaits_line_is_written_back_there() {
        let text = "\
class Service:
    async def get_pool(self):
        if self._pool is None:
            self._pool = await Pool(self.size).start()
        return self._pool

    async def start(self):
        for _ in range(self.size):
            sid = await self.backend.open()
        return self
";
        let (_d, p, mut s) = src(text);
        let r = s.race_line(&p, 2, 4, &[], true, true).unwrap();
        assert_eq!((r.line, r.name.as_str(), r.what), (4, "_pool", "writes back"));
        // a loop over range(self.size) iterates no shared container
        assert!(s.race_line(&p, 7, 9, &[], true, true).is_none_or(|r| r.what != "iterates"));
    }

    #[test]
    fn the_awaited_call_through_a_store_is_not_the_write_after_it() {
        let text = "\
class Sessions:
    async def touch(self, sid):
        session = self._get(sid)
        refreshed = dict(session, seen=1)
        await self._backend.put(sid, refreshed)
        self._sessions[sid] = refreshed
";
        let (_d, p, mut s) = src(text);
        let r = s.race_line(&p, 2, 5, &[], true, true).unwrap();
        assert_eq!((r.line, r.name.as_str()), (6, "_sessions"));
    }

    #[test]
    fn a_slow_call_inside_a_with_block_that_does_not_use_what_it_took_holds_it() {
        let text = "\
class Orders:
    def place(self, email, lines):
        with self._pool.connection() as conn:
            oid = insert(conn, lines)
            self._mailer.send(email,
                              oid)
        with open(self.path) as fh:
            self._mailer.send(email, fh.name)
        return oid
";
        let (_d, p, mut s) = src(text);
        assert_eq!(s.holding_with(&p, 2, 5), Some((3, "with self._pool.connection() as conn:".into())));
        assert_eq!(s.holding_with(&p, 2, 4), None, "the call uses the connection");
        assert_eq!(s.holding_with(&p, 2, 8), None, "a file is not a held resource");
        assert_eq!(s.holding_with(&p, 2, 9), None, "outside any with block");
    }

    #[test]
    fn a_reading_stored_in_a_local_is_decided_on_where_the_local_is_used() {
        let text = "\
class Grid:
    def next_cell(self):
        now = datetime.now()
        # the grid
        start = self.align(now) + self.step
        return start

    def stamp(self):
        at = int(time.time())
        return at
";
        let (_d, p, mut s) = src(text);
        assert_eq!(s.use_of_bare_read(&p, 2, 3), Some(5));
        let (_d2, p2, mut s2) = src("def stamp(when=None):\n    when = time.time() if when is None else when\n    return time.strftime('%H%M%S', time.gmtime(when))\n");
        assert_eq!(s2.use_of_bare_read(&p2, 1, 2), Some(3), "a read made only when none was given");
        assert_eq!(s.use_of_bare_read(&p, 8, 9), None, "a reading cut to whole seconds is the decision itself");
        let (_d2, p2, mut s2) = src("def utcnow():\n    return datetime.now(timezone.utc)\n\ndef window():\n    return int(time.time() // 10)\n\ndef two():\n    t = time.time()\n    return t\n");
        assert!(s2.passes_reading_on(&p2, 1));
        assert!(!s2.passes_reading_on(&p2, 4), "a cut reading is a decision");
        assert!(!s2.passes_reading_on(&p2, 7));
        let (_d4, p4, mut s4) = src("def live(self):\n    return slot_of(time.time(), self.w)\n");
        assert!(!s4.passes_reading_on(&p4, 1), "a reading handed to another function is transformed");
        let (_d3, p3, mut s3) = src("def window(now=None):\n    now = time.time() if now is None else now\n    return int(now // 10)\n\ndef w2(self):\n    return int(time.time() // 10)\n");
        assert!(s3.clock_fallback(&p3, 1, 2));
        assert!(!s3.clock_fallback(&p3, 5, 6));
    }

    #[test]
    fn a_reading_cut_to_whole_units_is_told_from_a_cut_beside_it() {
        use crate::classify::cuts_reading;
        assert!(cuts_reading("issued = int(self._clock())"));
        assert!(cuts_reading("return int(self._clock() // self.window)"));
        assert!(cuts_reading("day = datetime.now().date()"));
        assert!(!cuts_reading("if self._clock() >= int(params[\"exp\"]):"));
        assert!(!cuts_reading("age = time.time() - self.stamped"));
    }

    #[test]
    fn state_augmented_with_a_slow_calls_result_on_one_line_is_written_back_there() {
        let text = "\
class Uploader:
    def send(self, name, part):
        for attempt in range(3):
            try:
                self.stats.acked_bytes += self.store.put_part(name, part)
                return
            except OSError:
                pass
";
        let (_d, p, mut s) = src(text);
        let r = s.race_line(&p, 2, 5, &[], false, true).unwrap();
        assert_eq!((r.line, r.name.as_str(), r.what), (5, "stats", "writes back"), "{r:?}");
        assert!(super::augments_across_call("self.total -= fetch()  # x", "total"));
        assert!(!super::augments_across_call("self.total += 1", "total"), "no call: nothing runs between the read and the write");
        assert!(!super::augments_across_call("self.other.total += fetch()", "total"));
        assert!(super::calls_method_through("await self._backend.save(sid, s)", "_backend"));
        assert!(!super::calls_method_through("self.stats.acked += self.store.put(p)", "stats"));
    }

    #[test]
    fn loop_across_suspension() {
        let text = "\
class H:
    async def broadcast(self, text):
        n = 0
        for name, m in self._members.items():
            if await m.send(text):
                n += 1
        return n
";
        let (_d, p, mut s) = src(text);
        let r = s.race_line(&p, 2, 5, &[], false, false).unwrap();
        assert_eq!((r.line, r.what), (4, "iterates"));
    }

    #[test]
    fn an_increment_under_a_lock_is_not_a_stale_write() {
        let text = "\
class S:
    def handle(self, conn):
        n = self.count
        conn.recv(1)
        with self._lock:
            self.count -= 1
        self.last = n
";
        let (_d, f, mut s) = src(text);
        let r = s.race_line(&f, 2, 4, &[], false, false).unwrap();
        // not the locked decrement: the unlocked write of what was read before
        assert_eq!((r.line, r.name.as_str()), (7, "last"), "{r:?}");
        let (_d, f, mut s) = src(&text.replace("        with self._lock:\n            self.count -= 1\n", "        self.count -= 1\n"));
        let r = s.race_line(&f, 2, 4, &[], false, false).unwrap();
        assert_eq!((r.line, r.name.as_str(), r.what), (5, "count", "writes back"), "{r:?}");
    }

    #[test]
    fn names_written_by_other_code() {
        assert!(writes_name("def f(self):\n    self.root = x\n", "root"));
        assert!(writes_name("def f():\n    global n\n    n += 1\n", "n"));
        assert!(writes_name("def f(self):\n    self.items.append(1)\n", "items"));
        assert!(!writes_name("def f(self):\n    p = os.path.join(self.root, 'a')\n", "root"));
        assert!(!writes_name("def f(self):\n    if self.root == x: pass\n", "root"));
        assert!(!writes_name("def f(self):\n    self.rooted = 1\n", "root"));
        assert!(!writes_name("def test():\n    s = Scheduler(workers=2, splay=0.3)\n", "splay"), "a keyword argument");
    }

    #[test]
    fn check_then_act() {
        let text = "\
class R:
    def client_for(self, name):
        client = self._clients.get(name)
        if client is None:
            client = self._dialer.dial(name)
            self._clients[name] = client
        return client
";
        let (_d, p, mut s) = src(text);
        let r = s.race_line(&p, 2, 5, &[], false, false).unwrap();
        assert_eq!(r.line, 6);
    }

    #[test]
    fn sink_follows_the_value_into_a_global() {
        let text = "\
_active = {}

def run(path):
    global _active
    while True:
        overrides = load(path)
        if not overrides:
            continue
        _active = {**overrides}
";
        let (_d, p, mut s) = src(text);
        assert_eq!(s.state_sink(&p, 3, 6), Some(9));
        assert_eq!(s.state_sink(&p, 3, 9), Some(9));
    }

    #[test]
    fn enclosing_names_are_qualified() {
        let (_d, f, mut s) = src("X = 1\n\nclass Pool:\n    size = 2\n\n    def take(self):\n        if X:\n            return 1\n\nasync def main():\n    pass\n");
        assert_eq!(s.enclosing_name(&f, 1), "<module>");
        assert_eq!(s.enclosing_name(&f, 4), "Pool");
        assert_eq!(s.enclosing_name(&f, 8), "Pool.take");
        assert_eq!(s.enclosing_name(&f, 11), "main");
    }

    #[test]
    fn hash_ordered_sets_are_found() {
        let text = "\
class R:
    def __init__(self, names):
        self.names = {n for n in names}
        self._down = set()

    def first(self):
        return [n for n in self.names if n not in self._down][0]
";
        let (_d, p, mut s) = src(text);
        let found = s.hash_ordered_sets(&[p]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].line, found[0].name.as_str(), found[0].iter_line), (3, "self.names", 7));
        assert!(builds_set("{a, b}") && !builds_set("{'a': 1}") && !builds_set("{}"));
    }

    #[test]
    fn writes_are_told_from_reads() {
        assert!(is_write_after(" = 1"));
        assert!(is_write_after("[k] = v"));
        assert!(!is_write_after("[k] == v"));
        assert!(is_write_after(".append(x)"));
        assert!(is_write_after(".put(post)"));
        assert!(!is_write_after(".get(x)"));
        assert!(!is_write_after(" == 2"));
    }
}
