//! Where the length a wait uses is chosen, across the project's files. A
//! wait proven to decide the outcome (`ev.wait(self.every)`,
//! `cond.wait(settings.poll)`, `q.get(timeout=limit)`) is fixed where its
//! number is written, which is often elsewhere: an attribute set in the
//! class's `__init__` from a constructor argument, an expression at the
//! caller (`lease_ttl * 2 / 3`), a dataclass field of a settings module, a
//! constant imported from another module. The argument is followed back
//! through locals, attributes, parameters (their defaults, else the
//! arguments callers pass), module constants and imports, a few steps
//! deep, to the first line that writes a number. Text-level and forgiving,
//! like [`super::source`]: it only moves a proven cause, never makes one.

use std::path::Path;

use super::source::{bracket_balance, code, find_ident, indent, Sources};
use super::timeouts::call_args;

/// A length passed outright that is this long (seconds) is not one that
/// ran out: another caller's is looked for first.
const LONG: f64 = 2.0;
/// Steps followed from the wait to the number.
const DEPTH: u32 = 6;
/// Python files of a project looked at, at most.
const MAX_FILES: usize = 3000;

/// Calls whose argument at this position (or `timeout=`) is how long to
/// wait for something. A plain `sleep(x)` is not followed: a sleep used as
/// synchronisation is fixed where it sleeps (wait for the condition instead).
const WAITS: &[(&str, usize)] = &[
    ("wait_for(", 1),
    ("asyncio.timeout(", 0),
    ("timeout_at(", 0),
    ("select.select(", 3),
    (".select(", 0),
    (".settimeout(", 0),
    ("create_connection(", 1),
    (".communicate(", 1),
    (".wait(", 0),
    (".join(", 0),
    (".get(", 1),
    (".acquire(", 1),
];

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_ident_char) && !s.starts_with(|c: char| c.is_ascii_digit())
}

/// Whether `e` writes a number (`0.25`, `ttl * 2 / 3`, `timedelta(seconds=5)`,
/// or a default given as text: `os.environ.get("READY_TIMEOUT", "0.2")`).
fn writes_number(e: &str) -> bool {
    let mut prev = ' ';
    let mut in_s: Option<(char, String)> = None;
    for c in e.chars() {
        match &mut in_s {
            Some((q, text)) if c == *q => {
                let t = text.trim();
                if !t.is_empty() && t.parse::<f64>().is_ok() && t.chars().next().is_some_and(|c| c.is_ascii_digit() || c == '.') {
                    return true;
                }
                in_s = None;
            }
            Some((_, text)) => text.push(c),
            None if c == '\'' || c == '"' => in_s = Some((c, String::new())),
            None if c.is_ascii_digit() && !is_ident_char(prev) && prev != '.' => return true,
            None => {}
        }
        prev = c;
    }
    false
}

/// The operands of an arithmetic expression that are names, attributes
/// or dotted names (not calls): `deadline - time.monotonic()` -> `deadline`.
fn operands(e: &str) -> Vec<String> {
    let mut out = vec![];
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in e.chars().chain(std::iter::once('+')) {
        match c {
            '(' | '[' | '{' => {
                depth += 1;
                cur.push(c);
            }
            ')' | ']' | '}' => {
                depth -= 1;
                cur.push(c);
            }
            '+' | '-' | '*' | '/' | '%' if depth == 0 => {
                let t = cur.trim().to_string();
                if !t.is_empty() && t.split('.').all(is_name) {
                    out.push(t);
                }
                cur.clear();
            }
            _ => cur.push(c),
        }
    }
    out
}

/// Whether a line opens a window by reading a clock: a reading plus a
/// length (`deadline = time.monotonic() + budget`, `expires =
/// self._clock() + self.ttl`, `return loop.time() + timeout`), not a
/// comparison against one (`if time.monotonic() > deadline`).
pub fn opens_window(text: &str) -> bool {
    let c = code(text).trim();
    let head = c.split_whitespace().next().unwrap_or("");
    if ["if", "elif", "while", "assert", "for"].contains(&head) || c.contains("+=") {
        return false;
    }
    let expr = assignment_rhs(c).unwrap_or(c);
    let expr = expr.strip_prefix("return ").unwrap_or(expr);
    if expr.contains(['<', '>']) || expr.contains("==") || expr.contains("!=") {
        return false;
    }
    expr.match_indices("()").any(|(i, _)| {
        let callee: String = expr[..i].chars().rev().take_while(|&ch| is_ident_char(ch) || ch == '.').collect();
        let rest = expr[i + 2..].trim_start();
        !callee.is_empty() && rest.starts_with('+') && !rest.starts_with("+=")
    })
}

/// `NAME["key"]` (or `NAME['key']`): (NAME, key).
fn subscript(e: &str) -> Option<(&str, &str)> {
    let (name, rest) = e.split_once('[')?;
    let key = rest.strip_suffix(']')?.trim();
    let key = key.strip_prefix('"').and_then(|k| k.strip_suffix('"')).or_else(|| key.strip_prefix('\'').and_then(|k| k.strip_suffix('\'')))?;
    (is_name(name.trim()) && is_name(key)).then_some((name.trim(), key))
}

/// The right-hand side of an assignment statement (`x = ...`, `self.x[k] =
/// ...`, `x: float = ...`), not of a comparison or a keyword argument.
fn assignment_rhs(st: &str) -> Option<&str> {
    let mut depth = 0i32;
    let b = st.as_bytes();
    for (i, c) in st.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            '=' if depth == 0 => {
                let prev = if i > 0 { b[i - 1] } else { b' ' };
                let next = b.get(i + 1).copied().unwrap_or(b' ');
                if next == b'=' || matches!(prev, b'=' | b'!' | b'<' | b'>') {
                    return None;
                }
                return Some(st[i + 1..].trim());
            }
            _ => {}
        }
    }
    None
}

/// `e` split at its top-level commas.
fn top_level_split(e: &str) -> Vec<&str> {
    let mut out = vec![];
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in e.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(e[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(e[start..].trim());
    out
}

/// The length of time a code line passes to a wait: the argument text.
fn wait_arg(line: &str) -> Option<String> {
    for (call, pos) in WAITS {
        let Some(at) = line.find(call) else { continue };
        let args = call_args(line, at + call.len() - 1);
        if let Some(v) = args.iter().find_map(|a| {
            a.strip_prefix("timeout")
                .map(str::trim_start)
                .and_then(|r| r.strip_prefix('='))
        }) {
            return Some(v.trim().to_string());
        }
        if let Some(a) = args.get(*pos).filter(|a| !a.is_empty() && !a.contains('=')) {
            return Some(a.to_string());
        }
    }
    None
}

/// The value of a `timeout=` keyword argument on a line, whatever the call
/// (`self.quota.take(timeout=config.QUOTA_WAIT)`).
fn timeout_kwarg(line: &str) -> Option<String> {
    let at = line.match_indices("timeout=").find(|(i, _)| line[..*i].trim_end().ends_with(['(', ',']) && !line[i + 8..].starts_with('='))?.0;
    let rest = &line[at + 8..];
    let mut depth = 0i32;
    let end = rest
        .char_indices()
        .find(|&(_, ch)| {
            match ch {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' if depth == 0 => return true,
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => return true,
                _ => {}
            }
            false
        })
        .map_or(rest.len(), |(i, _)| i);
    let v = rest[..end].trim();
    (!v.is_empty()).then(|| v.to_string())
}

/// `name = <rhs>` or `name: T = <rhs>` on a code line: the right-hand
/// side; in a tuple assignment (`self.a, self.b = a, b`) the element that
/// goes to `name`.
fn assigned(line: &str, name: &str) -> Option<String> {
    let t = line.trim_start();
    if let Some(rest) = t.strip_prefix(name) {
        let rest = rest.trim_start();
        let rhs = match rest.strip_prefix(':') {
            Some(annotated) => annotated.split_once('=').map(|(_, v)| v),
            None => rest.strip_prefix('=').filter(|v| !v.starts_with('=')),
        };
        if let Some(rhs) = rhs {
            return Some(rhs.trim().to_string());
        }
    }
    // `a, self.b = x, y`
    let eq = t
        .find('=')
        .filter(|&i| !t[i + 1..].starts_with('=') && !t[..i].ends_with(['!', '<', '>', '=']))?;
    let (lhs, rhs) = (&t[..eq], &t[eq + 1..]);
    if !lhs.contains(',') || lhs.contains('(') {
        return None;
    }
    let targets: Vec<&str> = lhs.split(',').map(str::trim).collect();
    let at = targets.iter().position(|x| *x == name)?;
    let tuple = format!(
        "({})",
        rhs.trim().trim_start_matches('(').trim_end_matches(')')
    );
    let values = call_args(&tuple, 0);
    (values.len() == targets.len()).then(|| values[at].to_string())
}

/// A statement that may continue over lines: `n` and the lines after it
/// until the brackets close (at most 12 lines).
fn statement(lines: &[String], n: u32) -> String {
    let mut out = String::new();
    let mut depth = 0i32;
    for l in lines.iter().skip(n as usize - 1).take(12) {
        let c = code(l);
        out.push_str(c.trim());
        out.push(' ');
        depth += bracket_balance(c);
        if depth <= 0 {
            break;
        }
    }
    out
}

/// The `def` or `class` line (1-based) whose body holds line `n`, of the
/// given keyword.
fn enclosing(lines: &[String], n: u32, keyword: &str) -> Option<u32> {
    let mut limit = indent(lines.get(n as usize - 1)?);
    for m in (1..n).rev() {
        let l = &lines[m as usize - 1];
        let t = code(l).trim();
        if t.is_empty() || indent(l) >= limit {
            continue;
        }
        limit = indent(l);
        let head = t.strip_prefix("async ").unwrap_or(t);
        if head.starts_with(keyword) {
            return Some(m);
        }
        if limit == 0 {
            return None;
        }
    }
    None
}

/// Name and parameters of the `def` at line `d`.
pub(super) fn signature(lines: &[String], d: u32) -> (String, Vec<(String, Option<String>)>) {
    let sig = statement(lines, d);
    let head = sig
        .trim_start()
        .trim_start_matches("async ")
        .trim_start_matches("def ");
    let name: String = head.chars().take_while(|c| is_ident_char(*c)).collect();
    let params = match sig.find('(') {
        Some(open) => call_args(&sig, open)
            .into_iter()
            .filter(|p| !p.is_empty() && *p != "*" && *p != "/")
            .map(|p| {
                let (lhs, default) = match p.split_once('=') {
                    Some((l, v)) => (l, Some(v.trim().to_string())),
                    None => (p, None),
                };
                (
                    lhs.split(':')
                        .next()
                        .unwrap_or("")
                        .trim()
                        .trim_start_matches('*')
                        .to_string(),
                    default,
                )
            })
            .collect(),
        None => vec![],
    };
    (name, params)
}

impl Sources {
    /// The project's Python files under `root` (no hidden folders,
    /// virtual environments or build output), read once.
    pub fn project_files(&mut self, root: &Path) -> Vec<String> {
        if let Some(f) = &self.project {
            return f.clone();
        }
        fn walk(dir: &Path, depth: usize, out: &mut Vec<String>) {
            let Ok(rd) = std::fs::read_dir(dir) else {
                return;
            };
            let mut entries: Vec<_> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
            entries.sort();
            for p in entries {
                if out.len() >= MAX_FILES {
                    return;
                }
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if name.starts_with('.')
                    || matches!(
                        name.as_str(),
                        "site-packages"
                            | "venv"
                            | "node_modules"
                            | "__pycache__"
                            | "build"
                            | "dist"
                    )
                {
                    continue;
                }
                if p.is_dir() {
                    if depth < 6 && !p.join("pyvenv.cfg").exists() {
                        walk(&p, depth + 1, out);
                    }
                } else if name.ends_with(".py") {
                    out.push(p.to_string_lossy().into_owned());
                }
            }
        }
        let mut out = vec![];
        walk(root, 0, &mut out);
        self.project = Some(out.clone());
        out
    }

    /// (file, line) where the length of time line `at` of `abs` waits
    /// with is written as a number, following it across `files`.
    pub fn wait_origin(&mut self, abs: &str, at: u32, files: &[String]) -> Option<(String, u32)> {
        let lines = self.lines(abs)?.clone();
        let arg = wait_arg(&statement(&lines, at))?;
        self.origin(&arg, abs, at, files, 0)
    }

    /// (file, line) where the length of a window that line `at` opens by
    /// reading a clock is written as a number: the terms added to the
    /// reading (`deadline = time.monotonic() + budget`, `(self._clock() +
    /// self.hold_for, quote)`), followed like a wait's length.
    pub fn deadline_origin(&mut self, abs: &str, at: u32, files: &[String]) -> Option<(String, u32)> {
        let lines = self.lines(abs)?.clone();
        let st = statement(&lines, at);
        let rhs = assignment_rhs(&st).unwrap_or(st.trim());
        let rhs = rhs.trim_start_matches("return ").trim();
        // a tuple or a call's arguments: the element that adds to a reading
        let parts = top_level_split(rhs.strip_prefix('(').and_then(|r| r.strip_suffix(')')).unwrap_or(rhs));
        let expr = parts.iter().find(|p| p.contains("()") && p.contains(['+', '-'])).copied().unwrap_or(rhs);
        operands(expr).iter().find_map(|o| self.origin(o, abs, at, files, 1))
    }

    /// The same for the one other timed wait of the function holding line
    /// `at`, when `at` itself waits with no length of its own (a call whose
    /// callee waits): a wait proven by stretching the function's waits may
    /// be that one. None when the function has several.
    pub fn function_wait_origin(&mut self, abs: &str, at: u32, files: &[String]) -> Option<(String, u32)> {
        let lines = self.lines(abs)?.clone();
        if wait_arg(&statement(&lines, at)).is_some() {
            return None;
        }
        let def = crate::classify::spawns::def_of(&lines, at)?;
        let (a, b) = self.function_extent(abs, def as i32)?;
        let timed: Vec<(u32, String)> = (a + 1..=b).filter(|&n| n != at).filter_map(|n| {
            let st = statement(&lines, n);
            wait_arg(&st).or_else(|| timeout_kwarg(&st)).map(|arg| (n, arg))
        }).collect();
        match timed.as_slice() {
            [(n, arg)] => self.origin(arg, abs, *n, files, 0),
            _ => None,
        }
    }

    /// Where expression `e`, read at line `at` of `abs`, gets its number.
    fn origin(
        &mut self,
        e: &str,
        abs: &str,
        at: u32,
        files: &[String],
        depth: u32,
    ) -> Option<(String, u32)> {
        let e = e.trim();
        if depth > DEPTH || e.is_empty() {
            return None;
        }
        if writes_number(e) {
            return Some((abs.to_string(), at));
        }
        if let Some(attr) = e
            .strip_prefix("self.")
            .or_else(|| e.strip_prefix("cls."))
            .filter(|a| is_name(a))
        {
            return self.attribute_origin(attr, abs, at, files, depth);
        }
        if is_name(e) {
            return self.name_origin(e, abs, at, files, depth);
        }
        // `SETTINGS["presign_ttl"]`: the entry of the dict literal the name
        // is bound to
        if let Some((obj, key)) = subscript(e) {
            return self.entry_origin(obj, key, abs, files);
        }
        // `settings.quiet_period`, `config.POLL`: the one place the project
        // defines that attribute with a number
        if let Some((obj, attr)) = e.rsplit_once('.').filter(|(o, a)| is_name(a) && o.split('.').all(is_name)) {
            let _ = obj;
            return self.field_origin(attr, files);
        }
        // `deadline - time.monotonic()`: the operands that name a length
        let parts = operands(e);
        if parts.len() > 1 || parts.first().is_some_and(|p| p != e) {
            return parts.iter().find_map(|p| self.origin(p, abs, at, files, depth + 1));
        }
        None
    }

    /// `self.<attr>` inside the class holding line `at`: its assignment in
    /// a method (the constructor first) or at class level.
    fn attribute_origin(
        &mut self,
        attr: &str,
        abs: &str,
        at: u32,
        files: &[String],
        depth: u32,
    ) -> Option<(String, u32)> {
        let lines = self.lines(abs)?.clone();
        let class = enclosing(&lines, at, "class ")?;
        let body = indent(&lines[class as usize - 1]);
        let end = (class as usize..lines.len())
            .find(|&i| !code(&lines[i]).trim().is_empty() && indent(&lines[i]) <= body)
            .unwrap_or(lines.len());
        let mut found: Vec<(u32, String)> = vec![];
        for i in class as usize..end {
            let c = code(&lines[i]);
            let t = c.trim_start();
            let rhs = assigned(t, &format!("self.{attr}"))
                .or_else(|| assigned(t, &format!("cls.{attr}")))
                .or_else(|| {
                    assigned(t, attr).filter(|_| {
                        indent(c) > body && enclosing(&lines, i as u32 + 1, "def ").is_none()
                    })
                });
            if let Some(rhs) = rhs {
                let in_init = enclosing(&lines, i as u32 + 1, "def ")
                    .is_some_and(|d| lines[d as usize - 1].contains("__init__"));
                found.push((i as u32 + 1, rhs));
                if in_init {
                    found.rotate_right(1);
                }
            }
        }
        found.into_iter().find_map(|(n, rhs)| {
            let whole = statement(&lines, n);
            let rhs = if rhs.contains('(') && !rhs.contains(')') {
                whole
                    .split_once('=')
                    .map(|(_, r)| r.trim().to_string())
                    .unwrap_or(rhs)
            } else {
                rhs
            };
            self.origin(&rhs, abs, n, files, depth + 1)
        })
    }

    /// A bare name read at line `at`: a local assigned before it, a
    /// parameter (its default, else what callers pass), a module constant,
    /// or a name imported from another module of the project.
    fn name_origin(
        &mut self,
        name: &str,
        abs: &str,
        at: u32,
        files: &[String],
        depth: u32,
    ) -> Option<(String, u32)> {
        let lines = self.lines(abs)?.clone();
        // the function holding the line, then the ones around it (a
        // closure reads its decorator factory's parameters)
        let mut def = enclosing(&lines, at, "def ");
        while let Some(d) = def {
            if let Some(n) = (d + 1..at)
                .rev()
                .find(|&n| assigned(code(&lines[n as usize - 1]), name).is_some())
            {
                let rhs = assigned(code(&lines[n as usize - 1]), name).unwrap_or_default();
                return self.origin(&rhs, abs, n, files, depth + 1);
            }
            let (func, params) = signature(&lines, d);
            if let Some(pos) = params.iter().position(|(p, _)| p == name) {
                if let Some(default) = params[pos].1.clone().filter(|v| v != "None") {
                    return self.origin(&default, abs, d, files, depth + 1);
                }
                return self.caller_origin(&lines, d, &func, &params, pos, files, depth);
            }
            def = enclosing(&lines, d, "def ");
        }
        if let Some(n) = (1..=lines.len() as u32).find(|&n| {
            indent(&lines[n as usize - 1]) == 0
                && assigned(code(&lines[n as usize - 1]), name).is_some()
        }) {
            let rhs = statement(&lines, n)
                .split_once('=')
                .map(|(_, r)| r.trim().to_string())
                .unwrap_or_default();
            return self.origin(&rhs, abs, n, files, depth + 1);
        }
        // `from .settings import POLL_INTERVAL`
        let module = lines.iter().find_map(|l| {
            let t = code(l).trim();
            let (m, names) = t.strip_prefix("from ")?.split_once(" import ")?;
            names
                .split(',')
                .any(|n| {
                    n.split(" as ")
                        .next()
                        .is_some_and(|n| n.trim().trim_matches(['(', ')']) == name)
                })
                .then(|| m.trim().to_string())
        })?;
        let leaf = module
            .trim_start_matches('.')
            .rsplit('.')
            .next()
            .unwrap_or("")
            .to_string();
        let file = files
            .iter()
            .find(|f| {
                Path::new(f)
                    .file_stem()
                    .is_some_and(|s| s.to_string_lossy() == leaf)
            })?
            .clone();
        let mlines = self.lines(&file)?.clone();
        let n = (1..=mlines.len() as u32).find(|&n| {
            indent(&mlines[n as usize - 1]) == 0
                && assigned(code(&mlines[n as usize - 1]), name).is_some()
        })?;
        let rhs = statement(&mlines, n)
            .split_once('=')
            .map(|(_, r)| r.trim().to_string())
            .unwrap_or_default();
        self.origin(&rhs, &file, n, files, depth + 1)
    }

    /// The parameter at `pos` of the function `func` defined at line `d`:
    /// what a caller in the project passes for it.
    #[allow(clippy::too_many_arguments)]
    fn caller_origin(
        &mut self,
        lines: &[String],
        d: u32,
        func: &str,
        params: &[(String, Option<String>)],
        pos: usize,
        files: &[String],
        depth: u32,
    ) -> Option<(String, u32)> {
        let method = params
            .first()
            .is_some_and(|(p, _)| p == "self" || p == "cls");
        let callee = if func == "__init__" {
            let class = enclosing(lines, d, "class ")?;
            let t = code(&lines[class as usize - 1])
                .trim()
                .trim_start_matches("class ")
                .to_string();
            t.chars().take_while(|c| is_ident_char(*c)).collect()
        } else {
            func.to_string()
        };
        let index = if method { pos.checked_sub(1)? } else { pos };
        let name = &params[pos].0;
        let mut fallback = None;
        for f in files {
            let Some(fl) = self.lines(f).cloned() else {
                continue;
            };
            for (i, l) in fl.iter().enumerate() {
                let c = code(l);
                let t = c.trim_start();
                if t.starts_with("def ") || t.starts_with("async def ") || t.starts_with("class ") {
                    continue;
                }
                for hit in find_ident(c, &callee)
                    .into_iter()
                    .chain(c.match_indices(&format!(".{callee}(")).map(|(p, _)| p + 1))
                {
                    let after = &c[hit + callee.len()..];
                    if !after.starts_with('(') {
                        continue;
                    }
                    let stmt = statement(&fl, i as u32 + 1);
                    let Some(open) = stmt.find(&format!("{callee}(")).map(|p| p + callee.len())
                    else {
                        continue;
                    };
                    let args = call_args(&stmt, open);
                    let keyword = args.iter().find_map(|a| {
                        a.strip_prefix(name.as_str())
                            .map(str::trim_start)
                            .and_then(|r| r.strip_prefix('='))
                            .filter(|r| !r.starts_with('='))
                    });
                    let arg = keyword.map(str::trim).or_else(|| {
                        args.get(index)
                            .copied()
                            .filter(|a| !a.contains('=') && !a.starts_with('*'))
                    });
                    if let Some(found) =
                        arg.and_then(|a| self.origin(a, f, i as u32 + 1, files, depth + 1))
                    {
                        // a caller passing a long time outright (`ttl=60`, in
                        // another test) is not the one whose length ran out
                        if arg.and_then(|a| a.parse::<f64>().ok()).is_some_and(|v| v >= LONG) {
                            fallback.get_or_insert(found);
                            continue;
                        }
                        return Some(found);
                    }
                }
            }
        }
        fallback
    }

    /// Where the dict literal bound to `name` at module level (in `abs`,
    /// else in the module it is imported from) writes a number for `key`.
    fn entry_origin(&mut self, name: &str, key: &str, abs: &str, files: &[String]) -> Option<(String, u32)> {
        let mut places = vec![abs.to_string()];
        places.extend(files.iter().filter(|f| *f != abs).cloned());
        for f in places {
            let Some(lines) = self.lines(&f).cloned() else { continue };
            let Some(n) = (1..=lines.len() as u32).find(|&n| {
                let l = &lines[n as usize - 1];
                indent(l) == 0 && assigned(code(l), name).is_some_and(|r| r.starts_with('{'))
            }) else {
                continue;
            };
            let quoted = [format!("\"{key}\""), format!("'{key}'")];
            for m in n..(n + 200).min(lines.len() as u32 + 1) {
                let c = code(&lines[m as usize - 1]);
                if let Some(rest) = quoted.iter().find_map(|q| c.split_once(q.as_str()).map(|(_, r)| r)) {
                    let v = rest.trim_start().strip_prefix(':')?.trim().trim_end_matches(',');
                    return writes_number(v).then(|| (f.clone(), m));
                }
                if m > n && indent(&lines[m as usize - 1]) == 0 && !c.trim().is_empty() {
                    break;
                }
            }
            return None;
        }
        None
    }

    /// The one line of the project defining attribute or field `attr` with
    /// a number (a dataclass field, a class constant, `self.attr = 0.05`).
    fn field_origin(&mut self, attr: &str, files: &[String]) -> Option<(String, u32)> {
        let mut found = vec![];
        for f in files {
            let Some(fl) = self.lines(f) else { continue };
            for (i, l) in fl.iter().enumerate() {
                let t = code(l).trim_start();
                let rhs = assigned(t.strip_prefix("self.").unwrap_or(t), attr);
                if rhs.is_some_and(|r| writes_number(&r)) {
                    found.push((f.clone(), i as u32 + 1));
                }
            }
        }
        (found.len() == 1).then(|| found.remove(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(files: &[(&str, &str)]) -> (tempfile::TempDir, Vec<String>) {
        let d = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let p = d.path().join(name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, text).unwrap();
        }
        let files = Sources::default().project_files(d.path());
        (d, files)
    }

    const BEAT: &str = "\
import threading


class Beat(threading.Thread):
    def __init__(self, link, every):
        super().__init__(daemon=True)
        self.link, self.period = link, every
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.wait(self.period):
            self.link.renew()


class Worker:
    def __init__(self, link, ttl):
        self.link = link
        # renew in time
        self.beat_every = ttl * 2 / 3

    def run_one(self):
        beat = Beat(
            self.link,
            self.beat_every,
        )
        beat.start()
";

    const SETTINGS: &str = "\
from dataclasses import dataclass


@dataclass(frozen=True)
class WatchSettings:
    quiet_period: float = 0.05
    max_delay: float = 2.0


DEFAULT = WatchSettings()
POLL = 0.01
";

    const WATCH: &str = "\
import time
from .settings import DEFAULT, POLL


class Debouncer:
    def __init__(self, fire, quiet):
        self._quiet = quiet

    def run(self):
        while True:
            self._changed.wait(self._quiet)


class Watcher:
    def __init__(self, settings=DEFAULT):
        self._deb = Debouncer(self.fire, settings.quiet_period)

    def poll(self, ev):
        limit = POLL
        ev.wait(timeout=limit)
";

    const CLIENT: &str = "\
import selectors
import time

from . import config


def _wait_for_line(stream, deadline):
    sel = selectors.DefaultSelector()
    while True:
        remaining = deadline - time.monotonic()
        if sel.select(remaining):
            return stream.readline()


def start(proc):
    return _wait_for_line(proc.stdout, time.monotonic() + config.READY)
";

    const RETRY: &str = "\
import time


def within(seconds, errors=(LookupError,)):
    def wrap(call):
        def attempt(*a):
            give_up_at = time.monotonic() + seconds
            while True:
                try:
                    return call(*a)
                except errors:
                    if time.monotonic() >= give_up_at:
                        raise
        return attempt
    return wrap
";

    const READER: &str = "\
from .retry import within


class Reader:
    @within(0.19)
    def read(self, key):
        return self.node[key]
";

    const HOLDS: &str = "\
import time

from . import tuning


class Holds:
    def __init__(self, hold_for=tuning.HOLD_SECONDS, clock=time.monotonic):
        self.hold_for = hold_for
        self._clock = clock
        self._held = {}

    def hold(self, key, item):
        self._held[key] = (self._clock() + self.hold_for, item)
";

    #[test]
    fn a_length_from_a_settings_dict_is_found_and_a_caller_passing_a_long_time_outright_comes_last() {
        let signer = "import time\n\n\nclass Signer:\n    def __init__(self, secret, ttl, clock=time.monotonic):\n        self.ttl = ttl\n        self.clock = clock\n\n    def presign(self, key):\n        expires = self.clock() + self.ttl\n        return key, expires\n";
        let conftest = "from pkg.signer import Signer\n\nTEST_SETTINGS = {\n    \"secret\": b\"k\",\n    \"presign_ttl\": 0.15,\n}\n\n\ndef signer():\n    return Signer(TEST_SETTINGS[\"secret\"], ttl=TEST_SETTINGS[\"presign_ttl\"])\n";
        let unit = "from pkg.signer import Signer\n\n\ndef test_roundtrip():\n    s = Signer(b\"k\", ttl=60)\n    assert s\n";
        // the unit test's file comes first in the walk
        let (_d, files) = project(&[("pkg/signer.py", signer), ("a_tests/test_unit.py", unit), ("tests/conftest.py", conftest)]);
        let f = |n: &str| files.iter().find(|f| f.ends_with(n)).unwrap().clone();
        assert_eq!(Sources::default().deadline_origin(&f("signer.py"), 10, &files), Some((f("conftest.py"), 5)));
    }

    #[test]
    fn clock_reads_that_open_a_window_are_told_from_checks() {
        for t in ["deadline = time.monotonic() + budget", "self._held[q] = (self._clock() + self.hold_for, quote)", "return loop.time() + timeout", "expires_at = now() + ttl  # seconds"] {
            assert!(opens_window(t), "{t}");
        }
        for t in ["if time.monotonic() + pause > deadline:", "while self._clock() < deadline:", "self.total += slow()", "start = time.monotonic()", "x = f(a) + 1", "n = count(a, b) + g()"] {
            assert!(!opens_window(t), "{t}");
        }
    }

    #[test]
    fn a_window_opened_by_a_clock_read_is_traced_to_its_length_through_closures_and_defaults() {
        let (_d, files) = project(&[("pkg/retry.py", RETRY), ("pkg/reader.py", READER), ("pkg/holds.py", HOLDS), ("pkg/tuning.py", "CURRENCY = 'EUR'\nHOLD_SECONDS = 0.05\n")]);
        let f = |n: &str| files.iter().find(|f| f.ends_with(n)).unwrap().clone();
        let mut src = Sources::default();
        // a decorator factory's parameter, passed where it decorates
        assert_eq!(src.deadline_origin(&f("retry.py"), 7, &files), Some((f("reader.py"), 5)));
        // an attribute set from a parameter whose default is another module's constant
        assert_eq!(src.deadline_origin(&f("holds.py"), 13, &files), Some((f("tuning.py"), 2)));
        // a line that reads no window's length has none
        assert_eq!(src.deadline_origin(&f("retry.py"), 10, &files), None);
    }

    #[test]
    fn a_deadline_is_traced_through_the_arithmetic_to_a_setting_with_a_default_in_the_environment() {
        let (_d, files) = project(&[("pkg/client.py", CLIENT), ("pkg/config.py", "import os\n\nREADY = float(os.environ.get('X_READY', '0.2'))\n")]);
        let client = files.iter().find(|f| f.ends_with("client.py")).unwrap().clone();
        let config = files.iter().find(|f| f.ends_with("config.py")).unwrap().clone();
        assert_eq!(Sources::default().wait_origin(&client, 11, &files), Some((config, 3)));
    }

    #[test]
    fn a_wait_is_traced_to_the_number_across_attributes_callers_and_modules() {
        let (_d, files) = project(&[
            ("pkg/beat.py", BEAT),
            ("pkg/settings.py", SETTINGS),
            ("pkg/watch.py", WATCH),
            (".venv/lib/x.py", "POLL = 3\n"),
        ]);
        assert_eq!(
            files.len(),
            3,
            "hidden folders are not the project: {files:?}"
        );
        let beat = files
            .iter()
            .find(|f| f.ends_with("beat.py"))
            .unwrap()
            .clone();
        let watch = files
            .iter()
            .find(|f| f.ends_with("watch.py"))
            .unwrap()
            .clone();
        let settings = files
            .iter()
            .find(|f| f.ends_with("settings.py"))
            .unwrap()
            .clone();
        let mut s = Sources::default();
        assert_eq!(
            s.wait_origin(&beat, 11, &files),
            Some((beat.clone(), 19)),
            "attribute <- constructor argument <- caller's attribute <- expression"
        );
        assert_eq!(
            s.wait_origin(&watch, 11, &files),
            Some((settings.clone(), 6)),
            "attribute <- parameter <- caller passes a settings field"
        );
        assert_eq!(
            s.wait_origin(&watch, 20, &files),
            Some((settings, 11)),
            "local <- imported constant"
        );
        assert_eq!(
            s.wait_origin(&beat, 12, &files),
            None,
            "no wait on the line"
        );
    }

    #[test]
    fn numbers_are_told_from_names() {
        assert!(
            writes_number("0.25")
                && writes_number("ttl * 2 / 3")
                && writes_number("timedelta(seconds=5)")
        );
        assert!(
            !writes_number("self.every")
                && !writes_number("x2")
                && !writes_number("'v10'")
                && !writes_number("settings.v2")
        );
        assert_eq!(
            wait_arg("while not self.stopped.wait(self.every):"),
            Some("self.every".into())
        );
        assert_eq!(wait_arg("ready.wait(cfg.poll)"), Some("cfg.poll".into()));
        assert_eq!(
            wait_arg("time.sleep(cfg.poll)"),
            None,
            "a sleep is fixed where it sleeps"
        );
        assert_eq!(wait_arg("q.get(True, timeout=limit)"), Some("limit".into()));
        assert_eq!(wait_arg("if sel.select(remaining):"), Some("remaining".into()));
        assert_eq!(wait_arg("r, _, _ = select.select([s], [], [], left)"), Some("left".into()));
        assert!(writes_number("float(os.environ.get('READY_TIMEOUT', '0.2'))") && !writes_number("os.environ.get('MODE', 'fast')"));
        assert_eq!(operands("deadline - time.monotonic()"), vec!["deadline".to_string()]);
        assert_eq!(operands("time.monotonic() + config.READY"), vec!["config.READY".to_string()]);
    }

    #[test]
    fn a_wait_with_no_length_of_its_own_is_traced_through_the_one_timed_wait_of_its_function() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        std::fs::create_dir_all(root.join("src/crm")).unwrap();
        std::fs::write(root.join("src/crm/config.py"), "API_BURST = 6\nQUOTA_WAIT = 0.06\n").unwrap();
        let client = root.join("src/crm/client.py");
        std::fs::write(&client, "from . import config\n\nclass Client:\n    def call(self, path):\n        self.quota.take(timeout=config.QUOTA_WAIT)\n        return self.transport.request(path)\n").unwrap();
        let mut src = Sources::default();
        let files = src.project_files(root);
        let c = client.to_string_lossy().into_owned();
        let got = src.function_wait_origin(&c, 6, &files).map(|(f, n)| (f.rsplit('/').next().unwrap().to_string(), n));
        assert_eq!(got, Some(("config.py".to_string(), 2)));
        assert_eq!(src.function_wait_origin(&c, 5, &files), None, "a line with a length of its own is traced by wait_origin");
        assert_eq!(timeout_kwarg("q.put(x, timeout=min(a, b), block=True)").as_deref(), Some("min(a, b)"));
        assert_eq!(timeout_kwarg("if timeout==3:"), None);
    }
}
