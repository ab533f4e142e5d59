//! Where a timeout's value is set. A wait proven too short (its experiment
//! made failures rarer when longer, commoner when shorter) is fixed where
//! its length is chosen: a literal passed at the line (`timeout=0.075`), a
//! named constant it reads (`self.RESULT_TIMEOUT`, `DRAIN_TIMEOUT`, found
//! at its assignment in the same file), or the default of the function's
//! own timeout parameter. Text-level, like [`super::source`].

use super::source::Sources;

/// Words that make a name a duration limit.
const WORDS: &[&str] = &["timeout", "deadline", "ttl", "grace", "patience", "max_wait"];

/// What a line says a timeout is.
#[derive(Clone, Debug, PartialEq)]
enum Token {
    /// A number written on the line.
    Literal,
    /// A named constant (module or class level).
    Name(String),
    /// A parameter of the function holding the line.
    Param(String),
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether a name says it is a duration limit: one of [`WORDS`] as a whole
/// word of it (`DRAIN_TIMEOUT`, `readTimeout`, `max_wait`; not `SETTLE_TIME`).
fn limit_like(name: &str) -> bool {
    let l = name.to_ascii_lowercase();
    let parts: Vec<&str> = l.split('_').filter(|p| !p.is_empty()).collect();
    WORDS.iter().any(|w| match w.split_once('_') {
        Some(_) => l.contains(w),
        None => parts.iter().any(|p| p == w || (p.ends_with(w) && w.len() > 3)),
    })
}

fn is_number(v: &str) -> bool {
    let v = v.trim().trim_start_matches(['-', '+']);
    !v.is_empty() && v.chars().next().is_some_and(|c| c.is_ascii_digit() || c == '.') && v.chars().all(|c| c.is_ascii_digit() || "._eE-+".contains(c))
}

/// Identifiers of a code line with their byte offsets.
fn idents(code: &str) -> Vec<(usize, &str)> {
    let mut out = vec![];
    let mut start = None;
    for (i, c) in code.char_indices().chain(std::iter::once((code.len(), ' '))) {
        match (start, is_ident(c)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push((s, &code[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The timeout a code line passes or reads, if any.
fn token(code: &str, params: &[String]) -> Option<Token> {
    for (at, id) in idents(code) {
        if !limit_like(id) || id.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            continue;
        }
        let rest = code[at + id.len()..].trim_start();
        if rest.starts_with('(') {
            continue; // a call, not a value
        }
        // keyword argument or assignment: `timeout=<value>`
        if let Some(v) = rest.strip_prefix('=').filter(|v| !v.starts_with('=')) {
            let v: String = v.trim_start().chars().take_while(|c| is_ident(*c) || *c == '.').collect();
            if is_number(&v) {
                return Some(Token::Literal);
            }
            let last = v.rsplit('.').next().unwrap_or("").to_string();
            if limit_like(&last) {
                return Some(if params.contains(&last) { Token::Param(last) } else { Token::Name(last) });
            }
            continue;
        }
        let before = &code[..at];
        let attr_of_self = before.ends_with("self.") || before.ends_with("cls.");
        if before.ends_with('.') && !attr_of_self {
            continue;
        }
        if id.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_') {
            return Some(Token::Name(id.to_string()));
        }
        if !attr_of_self && params.iter().any(|p| p == id) {
            return Some(Token::Param(id.to_string()));
        }
    }
    None
}

/// The line of `lines` assigning a number to `name` (module or class level).
fn definition(lines: &[String], name: &str) -> Option<u32> {
    lines.iter().position(|l| {
        let t = l.trim_start();
        let Some(rest) = t.strip_prefix(name) else { return false };
        let rest = rest.trim_start();
        let rest = match rest.strip_prefix(':') {
            Some(annotated) => annotated.split_once('=').map(|(_, v)| v).unwrap_or(""),
            None => match rest.strip_prefix('=') {
                Some(v) if !v.starts_with('=') => v,
                _ => return false,
            },
        };
        let v: String = rest.trim_start().chars().take_while(|c| !c.is_whitespace() && *c != '#').collect();
        is_number(&v) || v.starts_with(|c: char| c.is_ascii_digit())
    })
    .map(|i| i as u32 + 1)
}

/// Calls whose argument at (position, keyword) is a timeout.
const WAITS: &[(&str, usize)] = &[("wait_for(", 1), ("asyncio.timeout(", 0), ("timeout_at(", 0), (".wait(", 0), (".join(", 0), (".get(", 1), (".acquire(", 1)];

/// Top-level arguments of the call whose `(` ends at `open` in `code`.
pub(super) fn call_args(code: &str, open: usize) -> Vec<&str> {
    let mut out = vec![];
    let mut depth = 0i32;
    let mut start = open + 1;
    for (i, c) in code[open..].char_indices() {
        let i = open + i;
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    out.push(code[start..i].trim());
                    break;
                }
            }
            ',' if depth == 1 => {
                out.push(code[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out
}

/// A local name a wait call on the line passes as its timeout
/// (`wait_for(job, limit)`, `ev.wait(budget)`, `timeout=limit`).
fn timeout_local(code: &str) -> Option<String> {
    let plain = |v: &str| (!v.is_empty() && v.chars().all(is_ident) && !v.starts_with(|c: char| c.is_ascii_digit())).then(|| v.to_string());
    for (call, pos) in WAITS {
        let Some(at) = code.find(call) else { continue };
        let args = call_args(code, at + call.len() - 1);
        for a in &args {
            if let Some(v) = a.strip_prefix("timeout").map(str::trim_start).and_then(|r| r.strip_prefix('=')) {
                return plain(v.trim());
            }
        }
        if let Some(v) = args.get(*pos).filter(|a| !a.contains('=')).and_then(|a| plain(a)) {
            return Some(v);
        }
    }
    None
}

impl Sources {
    /// The line where the length of the timeout that line `at` of function
    /// (`abs`, `firstlineno`) waits with is set, when the source shows it.
    pub fn timeout_source(&mut self, abs: &str, firstlineno: i32, at: u32) -> Option<u32> {
        let (a, _) = self.function_extent(abs, firstlineno)?;
        let lines = self.lines(abs)?.clone();
        let code = |n: u32| lines.get(n as usize - 1).map(|l| l.split('#').next().unwrap_or("").to_string()).unwrap_or_default();
        // the signature: from the def line to the line ending with ':'
        let mut sig = String::new();
        let mut n = a;
        while (n as usize) <= lines.len() {
            sig.push_str(&code(n));
            if code(n).trim_end().ends_with(':') {
                break;
            }
            n += 1;
        }
        let params: Vec<String> = sig
            .split_once('(')
            .map(|(_, p)| p.rsplit_once(')').map(|(p, _)| p).unwrap_or(p))
            .unwrap_or("")
            .split(',')
            .map(|p| p.trim().trim_start_matches('*').split([':', '=']).next().unwrap_or("").trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        let resolve = |t: Token| -> Option<u32> {
            match t {
                Token::Literal => Some(at),
                Token::Name(name) => definition(&lines, &name),
                Token::Param(p) => {
                    let (_, after) = sig.split_once(&format!("{p}="))?;
                    let v: String = after.trim_start().chars().take_while(|c| is_ident(*c) || *c == '.').collect();
                    if is_number(&v) {
                        Some(a)
                    } else {
                        let last = v.rsplit('.').next().unwrap_or("");
                        definition(&lines, last).filter(|_| limit_like(last))
                    }
                }
            }
        };
        // a function that takes a timeout and waits (a polling loop): the
        // length is its parameter's default
        if let Some(t) = token(&code(at), &params) {
            return resolve(t);
        }
        // a local holding the timeout: where it is assigned (and, when that
        // line reads a constant of this file, that constant's definition)
        if let Some(name) = timeout_local(&code(at)).filter(|n| !params.contains(n)) {
            let assigned = (a..at).rev().find(|&n| {
                let c = code(n);
                let t = c.trim_start();
                t.strip_prefix(name.as_str()).is_some_and(|r| {
                    let r = r.trim_start();
                    r.starts_with('=') && !r.starts_with("==") || r.starts_with(':')
                })
            });
            if let Some(n) = assigned {
                return token(&code(n), &params).and_then(|t| resolve(t).filter(|&d| d != n && d != a)).or(Some(n));
            }
        }
        let t = params.iter().find(|p| limit_like(p)).map(|p| Token::Param(p.clone()))?;
        resolve(t)
    }

    /// Lines of coroutines in `abs` that bound an await with a timeout
    /// (`asyncio.wait_for(..., t)`, `async with asyncio.timeout(t)`): the
    /// event loop, not the awaiting code, waits for them, so no traced stack
    /// shows these deadlines.
    pub fn async_deadlines(&mut self, abs: &str) -> Vec<u32> {
        let Some(lines) = self.lines(abs).cloned() else { return vec![] };
        let mut out = vec![];
        for (i, l) in lines.iter().enumerate() {
            let c = l.split('#').next().unwrap_or("");
            if !["wait_for(", "asyncio.timeout(", "timeout_at("].iter().any(|w| c.contains(w)) || c.trim_start().starts_with("def ") {
                continue;
            }
            let n = i as u32 + 1;
            let here = l.len() - l.trim_start().len();
            let def = (1..n).rev().find(|&m| {
                let d = &lines[m as usize - 1];
                let t = d.trim_start();
                (t.starts_with("def ") || t.starts_with("async def ")) && d.len() - t.len() < here
            });
            if def.is_some_and(|d| lines[d as usize - 1].trim_start().starts_with("async def ")) {
                out.push(n);
            }
        }
        out
    }

    /// [`Sources::timeout_source`] for line `at` of whatever function holds it.
    pub fn timeout_source_at(&mut self, abs: &str, at: u32) -> Option<u32> {
        let lines = self.lines(abs)?;
        let indent = |l: &str| l.len() - l.trim_start().len();
        let here = indent(lines.get(at as usize - 1)?);
        let def = (1..at).rev().find(|&n| {
            let l = &lines[n as usize - 1];
            let t = l.trim_start();
            (t.starts_with("def ") || t.starts_with("async def ")) && indent(l) < here
        })?;
        self.timeout_source(abs, def as i32, at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::source::tests::src;

    const TEXT: &str = "\
DRAIN_TIMEOUT = 0.25


class Farm:
    RESULT_TIMEOUT = 0.08  # seconds

    def render_now(self, scene):
        return self.result(self.submit(scene), self.RESULT_TIMEOUT)

    def drain(self, timeout=DRAIN_TIMEOUT):
        if not poll_until(lambda: self.idle, timeout):
            raise RuntimeError()

    def connect(self, host):
        return Client(host, timeout=0.075)

    def plain(self, q):
        return q.get(block=True)

    def wait_done(self, timeout=None):
        return self._done.wait(timeout)


def eventually(check, timeout=0.2, interval=0.01):
    while not check():
        time.sleep(interval)
";

    #[test]
    fn a_timeout_is_traced_to_where_its_length_is_set() {
        let (_d, p, mut s) = src(TEXT);
        assert_eq!(s.timeout_source(&p, 7, 8), Some(5), "a class constant read at the line");
        assert_eq!(s.timeout_source(&p, 10, 11), Some(1), "the parameter's default, a module constant");
        assert_eq!(s.timeout_source(&p, 14, 15), Some(15), "a literal on the line");
        assert_eq!(s.timeout_source(&p, 17, 18), None, "no timeout");
        assert_eq!(s.timeout_source(&p, 20, 21), None, "a parameter whose default is no length");
        assert_eq!(s.timeout_source_at(&p, 11), Some(1));
        assert_eq!(s.timeout_source(&p, 24, 26), Some(24), "a polling loop's sleep: its function's timeout default");
        assert!(limit_like("readTimeout") && limit_like("LOCK_TTL") && !limit_like("SETTLE_TIME") && !limit_like("bottleneck"));
    }

    #[test]
    fn a_timeout_held_in_a_local_is_traced_to_its_assignment() {
        let text = "\
import settings

async def run_probe(probe, timeout=None):
    limit = settings.PROBE_TIMEOUT if timeout is None else timeout
    started = now()
    info = await asyncio.wait_for(probe.check(), limit)
    return info

LOCAL_TIMEOUT = 0.2

def drain(q):
    budget = LOCAL_TIMEOUT
    return q.get(True, budget)
";
        let (_d, p, mut s) = src(text);
        assert_eq!(s.timeout_source(&p, 3, 6), Some(4), "the local's assignment (its constant is in another module)");
        assert_eq!(s.timeout_source(&p, 11, 13), Some(9), "the constant the local takes, defined in this file");
        assert_eq!(timeout_local("await asyncio.wait_for(x(), timeout=lim)"), Some("lim".into()));
        assert_eq!(timeout_local("ev.wait(0.5)"), None);
        assert_eq!(s.async_deadlines(&p), vec![6]);
    }
}
