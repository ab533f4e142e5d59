//! Finding files of an interpreter: the real CPython executable behind a
//! command (symlinks, venvs, `#!` console scripts such as `pytest`, pyenv
//! shims), the ELF that defines `_PyRuntime` (libpython or the executable),
//! and the `_random` extension module.

use std::ffi::{OsStr, OsString};
use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::elf::ElfSymbols;
use super::Interpreter;

/// Most links / scripts followed before giving up (loops).
const MAX_HOPS: usize = 16;

fn is_executable_file(p: &Path) -> bool {
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Looks `name` up in `PATH` (or returns it as a path when it has a `/`).
fn which(name: &str, path_env: Option<&OsStr>) -> Option<PathBuf> {
    if name.contains('/') {
        let p = PathBuf::from(name);
        return is_executable_file(&p).then_some(p);
    }
    let default = OsString::from("/usr/local/bin:/usr/bin:/bin");
    let path_env = path_env.unwrap_or(&default);
    std::env::split_paths(path_env)
        .map(|d| {
            if d.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                d
            }
        })
        .map(|d| d.join(name))
        .find(|p| is_executable_file(p))
}

fn head(p: &Path, n: usize) -> Option<Vec<u8>> {
    let mut f = std::fs::File::open(p).ok()?;
    let mut buf = vec![0u8; n];
    let mut got = 0;
    while got < n {
        match f.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(k) => got += k,
            Err(_) => return None,
        }
    }
    buf.truncate(got);
    Some(buf)
}

fn looks_like_python_name(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("python"))
}

/// An ELF file that is a CPython interpreter executable.
fn is_cpython_elf(p: &Path) -> bool {
    let Ok(e) = ElfSymbols::open(p) else {
        return false;
    };
    e.lookup("_PyRuntime").is_some()
        || e.lookup("Py_BytesMain").is_some()
        || e.needed().iter().any(|n| n.starts_with("libpython"))
}

/// Runs `prog args…` with the current environment (PATH replaced when
/// given) and returns its first stdout line.
fn run_first_line(prog: &Path, args: &[&str], path_env: Option<&OsStr>) -> Option<String> {
    let mut cmd = Command::new(prog);
    cmd.args(args).stdin(Stdio::null()).stderr(Stdio::null());
    if let Some(p) = path_env {
        cmd.env("PATH", p);
    }
    let out = cmd.output().ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8_lossy(&out.stdout);
    let line = s.lines().next()?.trim().to_string();
    (!line.is_empty()).then_some(line)
}

/// A pyenv shim: `exec "<root>/libexec/pyenv" exec "$program" "$@"`.
fn pyenv_of_shim(text: &str) -> Option<PathBuf> {
    let line = text
        .lines()
        .find(|l| l.contains("pyenv\" exec") || l.contains("pyenv exec"))?;
    let start = line.find("exec \"")? + 6;
    let rest = &line[start..];
    let end = rest.find('"')?;
    Some(PathBuf::from(&rest[..end]))
}

/// Parses a `#!` line into (interpreter, optional single argument).
fn shebang(bytes: &[u8]) -> Option<(String, Option<String>)> {
    let line = bytes.strip_prefix(b"#!")?;
    let line = &line[..line.iter().position(|&b| b == b'\n').unwrap_or(line.len())];
    let line = String::from_utf8_lossy(line);
    let line = line.trim();
    let (interp, arg) = match line.find([' ', '\t']) {
        Some(i) => (
            &line[..i],
            Some(line[i..].trim().to_string()).filter(|a| !a.is_empty()),
        ),
        None => (line, None),
    };
    Some((interp.to_string(), arg))
}

/// The real CPython executable that running `cmd0` (argv\[0\] of a command)
/// would execute, if it is a Python program at all: follows symlinks
/// (venv `bin/python`), `#!` scripts whose interpreter is Python (console
/// scripts like `pytest`, also via `/usr/bin/env python3` and pip's
/// `/bin/sh` `'''exec'` trampoline), pyenv shims (`pyenv which`) and, for
/// other shell wrappers named `python*`, asks the wrapper for
/// `sys.executable`. `path_env` is the `PATH` the command runs with
/// (default: this process's).
pub fn resolve_python(cmd0: &str, path_env: Option<&OsStr>) -> Option<PathBuf> {
    let own_path = std::env::var_os("PATH");
    let path_env = path_env.or(own_path.as_deref());
    let mut cur = which(cmd0, path_env)?;
    for _ in 0..MAX_HOPS {
        let real = std::fs::canonicalize(&cur).ok()?;
        let bytes = head(&real, 4096)?;
        if bytes.starts_with(b"\x7fELF") {
            return is_cpython_elf(&real).then_some(real);
        }
        let (interp, arg) = shebang(&bytes)?;
        let text = String::from_utf8_lossy(&bytes);
        let base = |p: &str| {
            Path::new(p)
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .to_string()
        };
        // `#!/usr/bin/env [-S] python3 ...`: the program is the first non-option word.
        let interp = if base(&interp) == "env" {
            arg?.split_whitespace()
                .find(|w| !w.starts_with('-') && !w.contains('='))?
                .to_string()
        } else {
            interp
        };
        let interp_name = base(&interp);
        if interp_name.starts_with("python") {
            cur = which(&interp, path_env)?;
            continue;
        }
        if matches!(interp_name.as_str(), "sh" | "bash" | "dash" | "zsh") {
            // pyenv shim: ask pyenv which file it would run.
            if let Some(pyenv) = pyenv_of_shim(&text) {
                let program = cur.file_name()?.to_str()?.to_string();
                let target = run_first_line(&pyenv, &["which", &program], path_env)?;
                cur = PathBuf::from(target);
                continue;
            }
            // pip's trampoline for long interpreter paths:
            // #!/bin/sh
            // '''exec' /long/path/bin/python "$0" "$@"
            if let Some(l) = text.lines().find(|l| l.starts_with("'''exec' ")) {
                let p = l["'''exec' ".len()..].split_whitespace().next()?;
                cur = PathBuf::from(p.trim_matches('"'));
                continue;
            }
            // Another wrapper named like Python: ask it.
            if looks_like_python_name(&cur) {
                let exe =
                    run_first_line(&cur, &["-c", "import sys; print(sys.executable)"], path_env)?;
                let exe = PathBuf::from(exe);
                if exe == cur || exe == real {
                    return None;
                }
                cur = exe;
                continue;
            }
        }
        return None;
    }
    None
}

/// Where the dynamic loader would find `name` for the executable `exe`.
pub(crate) fn find_library(exe: &ElfSymbols, name: &str) -> Option<PathBuf> {
    let origin = exe.path().parent().unwrap_or(Path::new("/")).to_path_buf();
    let mut dirs: Vec<PathBuf> = Vec::new();
    for r in exe.runpath() {
        let r = r
            .replace("$ORIGIN", &origin.to_string_lossy())
            .replace("${ORIGIN}", &origin.to_string_lossy());
        dirs.push(PathBuf::from(r));
    }
    if let Some(ld) = std::env::var_os("LD_LIBRARY_PATH") {
        dirs.extend(std::env::split_paths(&ld));
    }
    dirs.push(origin.join("../lib"));
    for d in [
        "/usr/local/lib",
        "/usr/lib/x86_64-linux-gnu",
        "/lib/x86_64-linux-gnu",
        "/usr/lib64",
        "/lib64",
        "/usr/lib",
        "/lib",
    ] {
        dirs.push(PathBuf::from(d));
    }
    dirs.into_iter()
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .and_then(|p| std::fs::canonicalize(p).ok())
}

/// The `_random` extension module of `interp`, or `None` when `_random` is
/// built into the interpreter binary (Debian) or cannot be found.
pub fn random_module_path(interp: &Interpreter) -> Option<PathBuf> {
    for bin in [&interp.runtime_binary, &interp.exe] {
        if let Ok(e) = ElfSymbols::open_shared(bin) {
            if e.lookup("PyInit__random").is_some() {
                return None;
            }
        }
    }
    let ver = format!("python{}.{}", interp.version.major, interp.version.minor);
    let mut dirs = Vec::new();
    for bin in [&interp.exe, &interp.runtime_binary] {
        if let Some(prefix) = bin.parent().and_then(|d| d.parent()) {
            dirs.push(prefix.join("lib").join(&ver).join("lib-dynload"));
            dirs.push(prefix.join("lib64").join(&ver).join("lib-dynload"));
        }
        if let Some(libdir) = bin.parent() {
            dirs.push(libdir.join(&ver).join("lib-dynload"));
        }
    }
    dirs.push(Path::new("/usr/lib").join(&ver).join("lib-dynload"));
    dirs.push(Path::new("/usr/local/lib").join(&ver).join("lib-dynload"));
    let tag = format!("cpython-{}{}", interp.version.major, interp.version.minor);
    for d in dirs {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        let mut hits: Vec<PathBuf> = rd
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| {
                let n = p.file_name().map(|n| n.as_bytes()).unwrap_or(b"");
                let n = String::from_utf8_lossy(n);
                n.starts_with("_random.")
                    && n.ends_with(".so")
                    && (n == "_random.so" || n.contains(&tag) || n.contains("abi3"))
            })
            .collect();
        hits.sort();
        if let Some(p) = hits.into_iter().next() {
            return std::fs::canonicalize(p).ok();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shebang_parse() {
        assert_eq!(
            shebang(b"#!/usr/bin/python3\nx"),
            Some(("/usr/bin/python3".into(), None))
        );
        assert_eq!(
            shebang(b"#! /usr/bin/env  python3 \n"),
            Some(("/usr/bin/env".into(), Some("python3".into())))
        );
        assert_eq!(shebang(b"print(1)"), None);
    }

    #[test]
    fn pyenv_shim_line() {
        let t = "#!/usr/bin/env bash\nset -e\nexec \"/root/.pyenv/libexec/pyenv\" exec \"$program\" \"$@\"\n";
        assert_eq!(
            pyenv_of_shim(t),
            Some(PathBuf::from("/root/.pyenv/libexec/pyenv"))
        );
    }
}
