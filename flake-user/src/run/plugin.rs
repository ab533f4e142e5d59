//! flakebpf's pytest plugin (`pytest_plugin/flakebpf_plugin.py`, embedded in
//! the binary): where it is written at run time and how it is put into the
//! traced pytest — `-p flakebpf_plugin` after the pytest program in argv
//! when the command visibly runs pytest, `PYTEST_PLUGINS` otherwise, and its
//! folder on `PYTHONPATH` in both cases.

use std::ffi::OsString;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use anyhow::Context;

/// The plugin's source.
pub const PLUGIN_SOURCE: &str = include_str!("../../pytest_plugin/flakebpf_plugin.py");
/// Its module name (what `-p` loads).
pub const PLUGIN_MODULE: &str = "flakebpf_plugin";
/// Its file name: a classifier should ignore stack frames in it.
pub const PLUGIN_FILE: &str = "flakebpf_plugin.py";
/// The interventions the plugin drives in experiment runs
/// (`pytest_plugin/flakebpf_intervene.py`, imported only when
/// [`INTERVENE_ENV`] is set).
pub const INTERVENE_SOURCE: &str = include_str!("../../pytest_plugin/flakebpf_intervene.py");
pub const INTERVENE_FILE: &str = "flakebpf_intervene.py";
/// The state part of the interventions (what an earlier test can leave:
/// fingerprints, put back, watched; `pytest_plugin/flakebpf_state.py`).
pub const STATE_SOURCE: &str = include_str!("../../pytest_plugin/flakebpf_state.py");
pub const STATE_FILE: &str = "flakebpf_state.py";
/// A `sitecustomize` that carries an experiment's intervention into every
/// Python process of the run (written to [`CHILD_DIR`] of the plugin folder,
/// which only experiment runs put on `PYTHONPATH`).
pub const CHILD_SOURCE: &str = include_str!("../../pytest_plugin/sitecustomize.py");
pub const CHILD_DIR: &str = "child";
/// Environment variable: the intervention of an experiment run (JSON).
pub const INTERVENE_ENV: &str = "FLAKEBPF_INTERVENE";
/// Environment variable naming the folder the plugin writes to.
pub const OUTCOMES_ENV: &str = "FLAKEBPF_OUTCOMES";

/// Writes the plugin into `dir` (created, world-readable) and returns the
/// folder to put on `PYTHONPATH`.
pub fn install(dir: &Path) -> anyhow::Result<PathBuf> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755))?;
    for (name, source) in [(PLUGIN_FILE, PLUGIN_SOURCE), (INTERVENE_FILE, INTERVENE_SOURCE), (STATE_FILE, STATE_SOURCE)] {
        let file = dir.join(name);
        std::fs::write(&file, source).with_context(|| format!("cannot write {}", file.display()))?;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644))?;
    }
    let child = dir.join(CHILD_DIR);
    std::fs::create_dir_all(&child).with_context(|| format!("cannot create {}", child.display()))?;
    std::fs::set_permissions(&child, std::fs::Permissions::from_mode(0o755))?;
    let file = child.join("sitecustomize.py");
    std::fs::write(&file, CHILD_SOURCE).with_context(|| format!("cannot write {}", file.display()))?;
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644))?;
    Ok(dir.to_path_buf())
}

/// For an experiment run: the [`CHILD_DIR`] folder goes first on the
/// `PYTHONPATH` of `env` (as [`inject`] made it), so every Python process of
/// the run, not only pytest, carries out the intervention.
pub fn reach_children(env: &mut [(String, String)], plugin_dir: &Path) {
    let child = plugin_dir.join(CHILD_DIR).to_string_lossy().into_owned();
    if let Some((_, v)) = env.iter_mut().find(|(k, _)| k == "PYTHONPATH") {
        *v = format!("{child}:{v}");
    }
}

fn base(arg: &str) -> &str {
    arg.rsplit('/').next().unwrap_or(arg)
}

fn is_pytest_program(arg: &str) -> bool {
    let b = base(arg);
    b == "pytest" || b == "py.test" || b.strip_prefix("pytest-").is_some_and(|v| v.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

fn is_python_program(arg: &str) -> bool {
    let b = base(arg);
    b.strip_prefix("python").is_some_and(|v| v.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// Where pytest's own arguments start in `argv`, if the command visibly
/// runs pytest: `pytest ...`, `python -m pytest ...`, `python .../pytest ...`,
/// or a runner in front (`uv run pytest`, `env X=1 python -m pytest`).
pub fn pytest_args_start(argv: &[String]) -> Option<usize> {
    let mut i = 0;
    while i < argv.len() {
        let a = argv[i].as_str();
        if is_pytest_program(a) {
            return Some(i + 1);
        }
        if is_python_program(a) {
            // interpreter options, then -m pytest or a script
            let mut j = i + 1;
            while j < argv.len() {
                let o = argv[j].as_str();
                match o {
                    "-m" => {
                        return argv.get(j + 1).filter(|m| *m == "pytest" || *m == "py.test").map(|_| j + 2);
                    }
                    "-mpytest" | "-mpy.test" => return Some(j + 1),
                    "-c" => return None,
                    "-X" | "-W" | "--check-hash-based-pycs" => j += 2,
                    _ if o.starts_with('-') => j += 1,
                    _ => return is_pytest_program(o).then_some(j + 1),
                }
            }
            return None;
        }
        i += 1;
    }
    None
}

/// How the plugin gets into the command of one run.
#[derive(Clone, Debug, PartialEq)]
pub struct Injection {
    /// argv as executed.
    pub argv: Vec<String>,
    /// Environment to add.
    pub env: Vec<(String, String)>,
    /// `-p` was added to argv (else `PYTEST_PLUGINS` carries it).
    pub via_argv: bool,
}

/// argv and environment that load the plugin from `plugin_dir`, writing
/// into `outcomes_dir`. `env_now` reads the variables the command would
/// otherwise inherit (`PYTHONPATH`, `PYTEST_PLUGINS`).
pub fn inject(
    argv: &[String],
    plugin_dir: &Path,
    outcomes_dir: &Path,
    env_now: impl Fn(&str) -> Option<OsString>,
) -> Injection {
    let mut env = vec![(OUTCOMES_ENV.to_string(), outcomes_dir.to_string_lossy().into_owned())];
    let mut pythonpath = plugin_dir.to_string_lossy().into_owned();
    if let Some(old) = env_now("PYTHONPATH").filter(|v| !v.is_empty()) {
        pythonpath.push(':');
        pythonpath.push_str(&old.to_string_lossy());
    }
    env.push(("PYTHONPATH".into(), pythonpath));
    let (argv, via_argv) = match pytest_args_start(argv) {
        Some(at) => {
            let mut v = argv.to_vec();
            v.splice(at..at, ["-p".to_string(), PLUGIN_MODULE.to_string()]);
            (v, true)
        }
        None => {
            let plugins = match env_now("PYTEST_PLUGINS").filter(|v| !v.is_empty()) {
                Some(old) => format!("{},{PLUGIN_MODULE}", old.to_string_lossy()),
                None => PLUGIN_MODULE.to_string(),
            };
            env.push(("PYTEST_PLUGINS".into(), plugins));
            (argv.to_vec(), false)
        }
    };
    Injection { argv, env, via_argv }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn finds_where_pytest_arguments_start() {
        assert_eq!(pytest_args_start(&v("pytest tests/x.py")), Some(1));
        assert_eq!(pytest_args_start(&v(".venv/bin/pytest -q")), Some(1));
        assert_eq!(pytest_args_start(&v("py.test")), Some(1));
        assert_eq!(pytest_args_start(&v("python -m pytest -p no:cacheprovider tests")), Some(3));
        assert_eq!(pytest_args_start(&v("/x/bin/python3.11 -X dev -B -m pytest")), Some(6));
        assert_eq!(pytest_args_start(&v("python3 -mpytest")), Some(2));
        assert_eq!(pytest_args_start(&v("python .venv/bin/pytest tests")), Some(2));
        assert_eq!(pytest_args_start(&v("uv run pytest tests")), Some(3));
        assert_eq!(pytest_args_start(&v("python -m unittest")), None);
        assert_eq!(pytest_args_start(&v("python -c pass")), None);
        assert_eq!(pytest_args_start(&v("python script.py")), None);
        assert_eq!(pytest_args_start(&v("make test")), None);
        assert_eq!(pytest_args_start(&v("pytest-watch")), None);
    }

    #[test]
    fn injects_p_or_pytest_plugins() {
        let env = |k: &str| match k {
            "PYTHONPATH" => Some(OsString::from("/user/lib")),
            "PYTEST_PLUGINS" => Some(OsString::from("mine")),
            _ => None,
        };
        let i = inject(&v("python -m pytest tests"), Path::new("/p"), Path::new("/o"), env);
        assert_eq!(i.argv, v("python -m pytest -p flakebpf_plugin tests"));
        assert!(i.via_argv);
        assert_eq!(
            i.env,
            vec![("FLAKEBPF_OUTCOMES".into(), "/o".into()), ("PYTHONPATH".into(), "/p:/user/lib".into())]
        );
        let i = inject(&v("make test"), Path::new("/p"), Path::new("/o"), env);
        assert_eq!(i.argv, v("make test"));
        assert_eq!(i.env[2], ("PYTEST_PLUGINS".into(), "mine,flakebpf_plugin".into()));
        let i = inject(&v("pytest"), Path::new("/p"), Path::new("/o"), |_| None);
        assert_eq!(i.env[1], ("PYTHONPATH".into(), "/p".into()));
        // experiment runs reach every Python process of the run
        let mut e = i.env.clone();
        reach_children(&mut e, Path::new("/p"));
        assert_eq!(e[1], ("PYTHONPATH".into(), "/p/child:/p".into()));
    }

    #[test]
    fn a_child_python_carries_out_the_intervention_and_runs_the_shadowed_sitecustomize() {
        let d = tempfile::tempdir().unwrap();
        let dir = install(&d.path().join("plugin")).unwrap();
        let user = d.path().join("user");
        std::fs::create_dir_all(&user).unwrap();
        std::fs::write(user.join("sitecustomize.py"), "import os\nos.environ['USER_SITE_RAN'] = '1'\n").unwrap();
        std::fs::write(d.path().join("w.py"), "import time, os\nt = time.monotonic(); time.sleep(0.5)\nprint(os.environ.get('USER_SITE_RAN'), time.monotonic() - t)\n").unwrap();
        let out_dir = d.path().join("out");
        std::fs::create_dir_all(&out_dir).unwrap();
        let spec = r#"{"kind":"waits","file":"w.py","line":2,"percent":2}"#;
        let out = std::process::Command::new("python3")
            .arg(d.path().join("w.py"))
            .env("PYTHONPATH", format!("{}:{}:{}", dir.join(CHILD_DIR).display(), dir.display(), user.display()))
            .env(INTERVENE_ENV, spec)
            .env("FLAKEBPF_ROOTDIR", d.path())
            .env(OUTCOMES_ENV, &out_dir)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let stdout = String::from_utf8_lossy(&out.stdout);
        let (ran, slept) = stdout.trim().split_once(' ').unwrap();
        assert_eq!(ran, "1", "the user's sitecustomize still runs");
        // timed inside the child: its start-up on a loaded machine does not count
        let slept: f64 = slept.parse().unwrap();
        assert!(slept < 0.25, "the 0.5 s sleep was scaled to 2 %: slept {slept} s");
        let notes = crate::run::trials::read_notes(&out_dir);
        assert_eq!(notes, vec![crate::run::trials::Note::Hit {}]);
    }

    #[test]
    fn a_child_started_with_an_environment_of_its_own_still_carries_out_the_intervention() {
        // the worker's environment is rebuilt (PYTHONPATH overwritten, no
        // FLAKEBPF_* variables): the experiment still reaches it
        let d = tempfile::tempdir().unwrap();
        let dir = install(&d.path().join("plugin")).unwrap();
        std::fs::write(d.path().join("c.py"), "import time\nt = time.monotonic(); time.sleep(0.5)\nprint(time.monotonic() - t)\n").unwrap();
        let parent = "\
import os, subprocess, sys
here = os.path.dirname(os.path.abspath(__file__))
env = {'PATH': os.environ.get('PATH', ''), 'PYTHONPATH': '/nowhere'}
print(subprocess.run([sys.executable, os.path.join(here, 'c.py')], env=env, capture_output=True, text=True).stdout.strip())
";
        std::fs::write(d.path().join("w.py"), parent).unwrap();
        let out_dir = d.path().join("out");
        std::fs::create_dir_all(&out_dir).unwrap();
        let out = std::process::Command::new("python3")
            .arg(d.path().join("w.py"))
            .env("PYTHONPATH", format!("{}:{}", dir.join(CHILD_DIR).display(), dir.display()))
            .env(INTERVENE_ENV, r#"{"kind":"waits","file":"c.py","line":2,"percent":2}"#)
            .env("FLAKEBPF_ROOTDIR", d.path())
            .env(OUTCOMES_ENV, &out_dir)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let slept: f64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap_or_else(|_| panic!("child said {:?}", String::from_utf8_lossy(&out.stdout)));
        assert!(slept < 0.25, "the child's 0.5 s sleep was scaled to 2 %: slept {slept} s");
        assert_eq!(crate::run::trials::read_notes(&out_dir), vec![crate::run::trials::Note::Hit {}]);
    }

    /// Runs `script` (written as w.py) in a child Python under the intervention `spec`; its stdout.
    fn run_child(script: &str, spec: &str) -> String {
        let d = tempfile::tempdir().unwrap();
        let dir = install(&d.path().join("plugin")).unwrap();
        std::fs::write(d.path().join("w.py"), script).unwrap();
        let out_dir = d.path().join("out");
        std::fs::create_dir_all(&out_dir).unwrap();
        let out = std::process::Command::new("python3")
            .arg(d.path().join("w.py"))
            .env("PYTHONPATH", format!("{}:{}", dir.join(CHILD_DIR).display(), dir.display()))
            .env(INTERVENE_ENV, spec)
            .env("FLAKEBPF_ROOTDIR", d.path())
            .env(OUTCOMES_ENV, &out_dir)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    #[test]
    fn a_clock_shift_moves_only_the_reads_of_its_line() {
        // the clock bound before the code ran (a default argument) is the shifted one too
        let script = "\
import time
def hold(clock=time.monotonic):
    return clock() + 0.05
def now():
    return time.monotonic()
a = hold(); b = now()
print(round(a - b, 1))
";
        assert_eq!(run_child(script, r#"{"kind":"clock_shift","file":"w.py","line":3,"ms":2000}"#), "2.0", "the deadline set at line 3 moved 2 s later, the other read did not");
    }

    #[test]
    fn line_waits_stretch_the_lines_own_timeout_and_not_the_work_beside_it() {
        let script = "\
import threading, time
sem = threading.BoundedSemaphore(1)
def guarded():
    t = time.monotonic(); got = sem.acquire(timeout=0.4)
    w = time.monotonic() - t
    time.sleep(0.3)
    return got, w
sem.acquire()
threading.Timer(0.2, sem.release).start()
t0 = time.monotonic(); got, waited = guarded()
print(got, waited < 0.15, time.monotonic() - t0 > 0.25)
";
        let out = run_child(script, r#"{"kind":"line_waits","file":"w.py","line":4,"percent":10}"#);
        assert_eq!(out, "False True True", "the acquire gave up after 10 % of its timeout; the sleep beside it kept its length");
    }

    #[test]
    fn a_watch_reports_the_change_after_a_creation_too() {
        let script = "\
import os, flakebpf_state as st
st.set_rootdir(os.path.dirname(os.path.abspath(__file__)))
st._iv._emit = lambda o: print(o['line'], o['function'])
class Ctx:
    def get():
        if '_instance' not in vars(Ctx):
            Ctx._instance = Ctx()
        return Ctx._instance
def test_p():
    c = Ctx.get()
    c.mode = 'x'
    c.mode = 'y'
w = st.Watch('attr:__main__:Ctx:_instance')
w.start(); test_p(); w.stop()
";
        let out = run_child(script, "{}");
        let lines: Vec<&str> = out.lines().map(|l| l.split(' ').next().unwrap()).collect();
        assert_eq!(lines, vec!["7", "11"], "the creation, then the first change after it, and no more: {out}");
    }

    #[test]
    fn a_watch_sees_an_instance_added_to_its_maker_as_a_creation() {
        let script = "\
import os, flakebpf_state as st
st.set_rootdir(os.path.dirname(os.path.abspath(__file__)))
st._iv._emit = lambda o: print(o['line'], o.get('test_line'))
class Maker:
    def get(self):
        if not hasattr(self, 'made'):
            self.made = Ctx()
        return self.made
class Ctx:
    mode = 'a'
ctx = Maker()
def test_p():
    c = ctx.get()
    c.mode = 'x'
w = st.Watch('global:__main__:ctx')
w.start(); test_p(); w.stop()
";
        // with the line the test function was at
        assert_eq!(run_child(script, "{}").lines().collect::<Vec<_>>(), vec!["7 13", "14 14"]);
    }

    #[test]
    fn each_execution_of_a_repeated_test_draws_alike_under_fixed_draws() {
        let script = "\
import random, flakebpf_intervene as iv
def draw():
    return random.random()
a = draw(); iv.test_starts('t::x[1-2]'); b = draw(); c = random.random()
print(a == b, a == c)
";
        let out = run_child(script, r#"{"kind":"draws","file":"w.py","line":3,"seed":5}"#);
        assert_eq!(out, "True False", "the line's draws start again from the seed; other draws stay random");
    }

    #[test]
    fn a_slot_is_given_back_at_an_early_way_out() {
        let script = "\
import threading
slots = threading.Semaphore(3)
def fetch(dup):
    slots.acquire()
    if dup:
        return 'collapsed'
    slots.release()
    return 'fetched'
for dup in (True, True, False):
    fetch(dup)
print(slots._value)
";
        assert_eq!(run_child(script, r#"{"kind":"delay","file":"w.py","line":6,"ms":0}"#), "1", "plain: both early returns keep a slot");
        assert_eq!(run_child(script, r#"{"kind":"give_back","file":"w.py","line":6,"release":7}"#), "3", "line 7 run before each early return");
    }

    #[test]
    fn lines_are_rewritten_a_statement_run_before_one_and_another_skipped_back_to_its_loop() {
        let script = "\
import asyncio
class Courier:
    def __init__(self):
        self.wake = asyncio.Event(); self.pending = []; self.sent = []; self.locks = {}
    async def flusher(self):
        while True:
            await self.wake.wait()
            batch = self.pending[:]; del self.pending[:]
            await asyncio.sleep(0.01)
            self.sent += batch
            self.wake.clear()
    def lock_for(self, key):
        return self.locks.get(key, asyncio.Lock())
async def main():
    o = Courier(); t = asyncio.create_task(o.flusher())
    o.send = lambda m: (o.pending.append(m), o.wake.set())
    o.send(1); await asyncio.sleep(0.005); o.send(2); await asyncio.sleep(0.05)
    print(o.sent, o.lock_for('a') is o.lock_for('a')); t.cancel()
asyncio.run(main())
";
        assert_eq!(run_child(script, r#"{"kind":"delay","file":"w.py","line":1,"ms":0}"#), "[1] False", "plain: the second wake-up is erased; no lock is shared");
        let spec = r#"{"kind":"rewrite","file":"w.py","line":11,"edits":[{"line":8,"text":"self.wake.clear()"},{"line":11,"text":"pass","replace":true,"to":6},{"line":13,"text":"self.locks.setdefault(key, asyncio.Lock())"}]}"#;
        assert_eq!(run_child(script, spec), "[1, 2] True", "cleared right after the wait, the late clear skipped; the default stored");
    }

    #[test]
    fn a_directory_listing_at_a_line_comes_in_name_order_or_its_reverse() {
        let script = "\
import os, tempfile
from pathlib import Path
d = tempfile.mkdtemp()
for n in ['b', 'a', 'c']:
    open(os.path.join(d, n), 'w').close()
names = os.listdir(d)
paths = [p.name for p in Path(d).iterdir()]
print(''.join(names), ''.join(paths), ''.join(sorted(os.listdir(d))))
";
        let at = |reverse: bool| format!(r#"{{"kind":"listing_order","file":"w.py","line":6,"reverse":{reverse}}}"#);
        let out = run_child(script, &at(false));
        assert!(out.starts_with("abc "), "sorted at line 6 only: {out}");
        let out = run_child(script, &at(true));
        assert!(out.starts_with("cba ") && out.ends_with(" abc"), "reversed at line 6, other lines untouched: {out}");
    }

    #[test]
    fn completion_order_at_a_line_becomes_input_order_or_its_reverse() {
        // items finish in the order 1 3 0 2
        let script = "\
import asyncio
from concurrent.futures import ThreadPoolExecutor, as_completed
import time

async def work(i):
    await asyncio.sleep(0.1 * [2, 0, 3, 1][i])
    return i

async def main():
    got = [await f for f in asyncio.as_completed([work(i) for i in range(4)])]
    print(*got, end=' ')

asyncio.run(main())
with ThreadPoolExecutor(4) as ex:
    futs = [ex.submit(lambda i=i: (time.sleep(0.1 * [2, 0, 3, 1][i]), i)[1]) for i in range(4)]
    print(*[f.result() for f in as_completed(futs)])
";
        let at = |line: u32, reverse: bool| format!(r#"{{"kind":"in_order","file":"w.py","line":{line},"reverse":{reverse}}}"#);
        // at one line only: the other call keeps completion order (100 ms apart)
        assert_eq!(run_child(script, &at(10, false)), "0 1 2 3 1 3 0 2");
        assert_eq!(run_child(script, &at(10, true)), "3 2 1 0 1 3 0 2");
        assert_eq!(run_child(script, &at(16, false)), "1 3 0 2 0 1 2 3");
        assert_eq!(run_child(script, &at(16, true)), "1 3 0 2 3 2 1 0");
    }

    #[test]
    fn the_first_to_finish_at_a_line_becomes_the_first_handed_in_or_the_last() {
        let script = "\
import asyncio

async def work(i):
    await asyncio.sleep(0.03 * [2, 0, 3, 1][i])
    return i

async def hedge():
    ts = [asyncio.ensure_future(work(i)) for i in range(4)]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)
    print(next(iter(done)).result(), len(pending))

asyncio.run(hedge())
";
        let at = |reverse: bool| format!(r#"{{"kind":"in_order","file":"w.py","line":9,"reverse":{reverse}}}"#);
        assert_eq!(run_child(script, &at(false)), "0 3");
        assert_eq!(run_child(script, &at(true)), "3 3");
    }

    #[test]
    fn draws_fixed_at_a_seed_none_argument_on_a_later_line_of_a_call() {
        // the call starts on line 6; `random_seed=None` is on line 7
        let script = "\
import random
def world(name, random_seed=None):
    random.seed(random_seed)
    return [random.random() for _ in range(3)]
def test():
    return world('x',
        random_seed=None)
print(test())
";
        let spec = r#"{"kind":"draws","file":"w.py","line":7,"seed":3}"#;
        let (a, b) = (run_child(script, spec), run_child(script, spec));
        assert_eq!(a, b, "the generator seeded from entropy under that call is fixed");
        let other = r#"{"kind":"draws","file":"w.py","line":7,"seed":4}"#;
        assert_ne!(a, run_child(script, other));
    }

    #[test]
    fn tasks_started_at_a_line_finish_in_the_order_they_were_started_or_its_reverse() {
        // each task sleeps less than the one before: they finish in reverse
        let script = "\
import asyncio
done = []

async def work(i):
    await asyncio.sleep(0.05 - 0.01 * i)
    done.append(i)

async def main():
    ts = [asyncio.get_running_loop().create_task(work(i)) for i in range(4)]
    await asyncio.gather(*ts)
    print(*done)

asyncio.run(main())
";
        let at = |reverse: bool| format!(r#"{{"kind":"task_order","file":"w.py","line":9,"reverse":{reverse}}}"#);
        assert_eq!(run_child(script, &at(false)), "0 1 2 3");
        assert_eq!(run_child(script, &at(true)), "3 2 1 0");
    }
}
