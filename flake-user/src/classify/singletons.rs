//! One object for every thread: a module-level instance of a project class
//! (`current = RequestContext()` at the top of `context.py`) that a
//! function run by several threads writes (`context.current.bind(user)`,
//! `context.current.user = user`) and reads again later. Each thread's
//! write replaces the others', so a thread reads what another stored in
//! between. Found in the source of the code the failing runs ran (a write
//! from a function that several threads of one failing run ran); proven by
//! pausing right after the write (the window in which another thread can
//! replace it held open longer: more failures).

use super::source::{code, indent, Sources};

/// A write to a module-level instance from inside a function.
#[derive(Clone, Debug, PartialEq)]
pub struct SharedWrite {
    /// The writing line.
    pub line: u32,
    /// The next line of code in its function: where the pause goes.
    pub after: u32,
    /// How the line names the object (`context.current`).
    pub object: String,
    /// Where the instance is made: (file as given, line).
    pub made: (String, u32),
}

/// Module-level instances of a class the same file defines: (name, line,
/// class).
pub fn module_instances(src: &mut Sources, abs: &str) -> Vec<(String, u32, String)> {
    let Some(lines) = src.lines(abs).cloned() else { return vec![] };
    let classes: Vec<String> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("class ").map(|r| r.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>()))
        .filter(|n| !n.is_empty())
        .collect();
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| indent(l) == 0)
        .filter_map(|(i, l)| {
            let (lhs, rhs) = code(l).split_once('=')?;
            let name = lhs.trim();
            let class: String = rhs.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            let ok = !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') && !rhs.starts_with('=') && rhs.trim()[class.len()..].starts_with('(');
            (ok && classes.contains(&class)).then(|| (name.to_string(), i as u32 + 1, class))
        })
        .collect()
}

/// Methods of `class` in `lines` that assign an attribute of `self`.
fn writing_methods(lines: &[String], class: &str) -> Vec<String> {
    let Some(start) = lines.iter().position(|l| l.strip_prefix("class ").is_some_and(|r| r.starts_with(class) && !r[class.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_'))) else {
        return vec![];
    };
    let mut out = vec![];
    let mut current: Option<String> = None;
    for l in lines.iter().skip(start + 1) {
        let t = code(l);
        if t.trim().is_empty() {
            continue;
        }
        if indent(l) == 0 {
            break;
        }
        let head = t.trim_start();
        if let Some(r) = head.strip_prefix("def ").or_else(|| head.strip_prefix("async def ")) {
            current = Some(r.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect());
            continue;
        }
        let assigns = head.starts_with("self.") && head.split_once('=').is_some_and(|(lhs, rhs)| !rhs.starts_with('=') && !lhs.ends_with(['!', '<', '>']));
        if let Some(m) = current.as_ref().filter(|m| assigns && *m != "__init__" && !out.contains(*m)) {
            out.push(m.clone());
        }
    }
    out
}

/// Writes, from inside functions of the file at `abs`, to the instances
/// that `made_in` (abs path, as given `made_file`) makes at module level:
/// through the module (`context.current.bind(`), or by name when the
/// writing file is the making one.
pub fn writes_to_instances(src: &mut Sources, abs: &str, made_in: &str, made_file: &str) -> Vec<SharedWrite> {
    let instances = module_instances(src, made_in);
    if instances.is_empty() {
        return vec![];
    }
    let Some(made_lines) = src.lines(made_in).cloned() else { return vec![] };
    let Some(lines) = src.lines(abs).cloned() else { return vec![] };
    let stem = std::path::Path::new(made_in).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut out = vec![];
    for (name, made, class) in instances {
        let methods = writing_methods(&made_lines, &class);
        let mut names = vec![format!("{stem}.{name}")];
        if abs == made_in {
            names.push(name.clone());
        }
        for (i, l) in lines.iter().enumerate() {
            if indent(l) == 0 {
                continue;
            }
            let t = code(l).trim();
            let Some(object) = names.iter().find(|o| {
                t.match_indices(&format!("{o}.")).any(|(at, _)| {
                    let before_ok = !t[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.');
                    let rest = &t[at + o.len() + 1..];
                    let member: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                    let after = rest[member.len()..].trim_start();
                    let call = after.starts_with('(') && methods.contains(&member);
                    let assign = at == 0 && after.starts_with('=') && !after.starts_with("==");
                    before_ok && !member.is_empty() && (call || assign)
                })
            }) else {
                continue;
            };
            let n = i as u32 + 1;
            let Some(after) = (n + 1..=lines.len() as u32).find(|&m| !code(&lines[m as usize - 1]).trim().is_empty()) else { continue };
            if indent(&lines[after as usize - 1]) == 0 {
                continue;
            }
            out.push(SharedWrite { line: n, after, object: object.clone(), made: (made_file.to_string(), made) });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p.to_string_lossy().into_owned()
    }

    #[test]
    fn writes_from_functions_to_a_module_level_instance_are_found() {
        let d = tempfile::tempdir().unwrap();
        let ctx = write(
            d.path(),
            "context.py",
            "class RequestContext:\n    def __init__(self):\n        self.user = None\n\n    def bind(self, user):\n        self.user = user\n\n    def describe(self):\n        return self.user\n\n\ncurrent = RequestContext()\nLIMIT = int(3)\n",
        );
        let h = write(
            d.path(),
            "handlers.py",
            "from . import context\n\nclass Handlers:\n    def dispatch(self, user):\n        context.current.bind(user)\n        return self.run()\n\n    def show(self):\n        return context.current.describe()\n\n    def reset(self):\n        context.current.user = None\n        return 1\n",
        );
        let mut src = Sources::default();
        assert_eq!(module_instances(&mut src, &ctx), vec![("current".to_string(), 12, "RequestContext".to_string())]);
        let w = writes_to_instances(&mut src, &h, &ctx, "src/app/context.py");
        assert_eq!(w.iter().map(|w| (w.line, w.after)).collect::<Vec<_>>(), vec![(5, 6), (12, 13)], "bind and the assignment; describe() only reads");
        assert_eq!((w[0].object.as_str(), w[0].made.clone()), ("context.current", ("src/app/context.py".to_string(), 12)));
    }
}
