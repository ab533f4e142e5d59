//! Drivers are not causes: a proof at a place that only *varies* the timing
//! of a run — a test double's random or fixed latency (a sleep in a fake
//! server or store under `tests/`), a random duration handed to a sleep
//! (on the line, or drawn by a function whose name says it picks one) —
//! shows the outcome is sensitive to timing, not where the code is that is
//! sensitive to it (whatever the category: a fake server accepting late is
//! latency too). Such a proven cause is kept, with that said in its
//! evidence, but not as proven and ranked after the causes in the code
//! under test (the test functions themselves are code under test too: a
//! timeout a test chose is a root cause).

use std::path::Path;

use crate::report::{Category, Cause};

use super::UNPROVEN_CAP;

/// Draws that only pick a duration, or code of a test double.
fn is_driver(c: &Cause, text: Option<&str>, body: Option<&str>) -> bool {
    let in_double = crate::classify::is_test_code(&c.file) && !c.function.split('.').next_back().unwrap_or("").starts_with("test");
    // a function whose name says it picks a duration (`Backoff.delay`,
    // `jittered_interval`) hands what it draws to a wait
    // (or a line storing it under such a name: `self.delay = random.uniform(..)`)
    const DURATION: &[&str] = &["delay", "backoff", "jitter", "sleep", "timeout", "interval", "latency", "pause", "wait", "splay", "stagger", "lag"];
    // the function's own name (`Backoff.delay`), not its class's (a
    // `LatencySimulator` computes numbers, it waits for none)
    let func = c.function.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    let picks_duration = DURATION.iter().any(|w| func.contains(w));
    let random_wait = text.is_some_and(|t| {
        let draws = DRAWS.iter().any(|w| t.contains(w));
        let waits = waits(t);
        let stored = t.split_once('=').filter(|(_, r)| !r.starts_with('=')).is_some_and(|(l, _)| {
            let l = l.to_ascii_lowercase();
            DURATION.iter().any(|w| l.contains(w))
        });
        // a draw added to a clock reading is a moment to wait for
        // (`self.ready_at = time.monotonic() + random.uniform(.04, .22)`)
        let clocked = ["monotonic(", "time()", "perf_counter(", "datetime.now("].iter().any(|w| t.contains(w));
        draws && (waits || picks_duration || stored || clocked)
    });
    // a test helper's waits proven to be a deadline are the test's own timeout
    let deadline = c.category == Category::Timing && c.evidence.contains(super::line::DEADLINE_SAID);
    // a test helper's draws drive only when that helper waits (a fake
    // server's latency); a factory's drawn data is what the test runs on
    let drawn_data = c.category == Category::Randomness && !body.is_some_and(waits);
    // a sleep of a drawn length, in any code, is simulated latency
    // (`time.sleep(random.uniform(.005, .025))`): whatever a pause or longer
    // waits there prove, they prove the run is sensitive to timing
    let sleeps_drawn = text.is_some_and(|t| t.contains("sleep(") && DRAWS.iter().any(|w| t.contains(w)));
    in_double && !deadline && !drawn_data && matches!(c.category, Category::Randomness | Category::Timing | Category::ThreadRace | Category::AsyncRace | Category::IoExternal)
        || (c.category == Category::Randomness && random_wait)
        || (sleeps_drawn && c.category != Category::TimeDependency)
}

/// Calls that draw a random value.
const DRAWS: &[&str] = &["random", "uniform", "randint", "choice", "gauss", "expovariate", "jitter"];

/// Whether source text calls something that waits.
fn waits(t: &str) -> bool {
    ["sleep(", "wait(", "wait_for(", "timeout"].iter().any(|w| t.contains(w))
}

/// The text of the function whose body holds the cause's line (the whole
/// file at module level).
fn enclosing_function(c: &Cause, rootdir: Option<&Path>) -> Option<String> {
    let abs = abs_path(c, rootdir)?;
    let mut src = crate::classify::source::Sources::default();
    let lines = src.lines(&abs)?.clone();
    if c.line == 0 || c.line as usize > lines.len() {
        return None;
    }
    match crate::classify::spawns::def_of(&lines, c.line) {
        Some(d) => Some(src.function_text(&abs, d as i32)),
        None => Some(lines.join("\n")),
    }
}

/// The cause's file as a path on this machine (relative ones under `rootdir`).
pub fn abs_path(c: &Cause, rootdir: Option<&Path>) -> Option<String> {
    abs_of(&c.file, rootdir)
}

/// A file a cause or its evidence names, as a path on this machine
/// (relative ones under `rootdir`).
pub fn abs_of(file: &str, rootdir: Option<&Path>) -> Option<String> {
    let p = Path::new(file);
    let abs = if p.is_absolute() { p.to_path_buf() } else { rootdir?.join(p) };
    Some(abs.to_string_lossy().into_owned())
}

/// The source line of a cause, trimmed.
pub fn text(c: &Cause, rootdir: Option<&Path>) -> Option<String> {
    std::fs::read_to_string(abs_path(c, rootdir)?).ok()?.lines().nth((c.line as usize).checked_sub(1)?).map(|l| l.trim().to_string())
}

/// Whether `c` only varies the timing of a run (see the module comment).
pub fn only_drives(c: &Cause, rootdir: Option<&Path>) -> bool {
    is_driver(c, text(c, rootdir).as_deref(), enclosing_function(c, rootdir).as_deref())
}

/// Marks proven drivers, and moves every driver after the other causes.
pub fn demote(causes: Vec<Cause>, rootdir: Option<&Path>) -> Vec<Cause> {
    let (mut keep, mut drivers): (Vec<Cause>, Vec<Cause>) = causes.into_iter().partition(|c| !only_drives(c, rootdir));
    for d in drivers.iter_mut() {
        if d.proven {
            d.proven = false;
            d.confidence = d.confidence.min(UNPROVEN_CAP);
            d.evidence.push_str(
                ". This line only varies how long the run takes (latency of a test double, or a random duration it waits): the outcome depends on timing, and the cause is the code under test that is sensitive to it",
            );
        }
    }
    keep.append(&mut drivers);
    keep
}
