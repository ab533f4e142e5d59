//! A pool waiting on itself: a function that runs on an executor
//! (`app.executor.submit(_render, app)`) submits more work to the same
//! executor (`app.executor.submit(widget, app)`) and waits for it. It holds
//! one of the pool's workers while it waits, so the work it waits for
//! queues behind whatever else the pool runs, and its timed wait runs out
//! (or, with every worker waiting so, nothing moves). Found in the source
//! once a timed wait in such a function was proven to decide the outcome.

use super::source::{code, Sources};

/// The inner submission of a function that waits on its own pool.
#[derive(Clone, Debug, PartialEq)]
pub struct SelfWait {
    /// The line submitting to the pool inside the function.
    pub submits: u32,
    /// The pool as that line names it (`app.executor`).
    pub pool: String,
    /// Where the function itself is submitted: (file, line).
    pub outer: (String, u32),
}

/// The receiver of a `.submit(` or `.map(` call on line `t`, and what it
/// hands over first (`app.executor`, `_render`).
fn submission(t: &str) -> Option<(String, String)> {
    let at = t.find(".submit(").map(|i| (i, ".submit(")).or_else(|| t.find(".map(").map(|i| (i, ".map(")))?;
    let receiver: String = t[..at.0].chars().rev().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.').collect::<Vec<_>>().into_iter().rev().collect();
    let what: String = t[at.0 + at.1.len()..].trim_start().chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.').collect();
    (!receiver.is_empty() && !what.is_empty()).then_some((receiver, what))
}

/// The last attribute of a pool expression (`app.executor` -> `executor`).
fn pool_name(receiver: &str) -> &str {
    receiver.rsplit('.').next().unwrap_or(receiver)
}

/// When the function holding line `at` of `abs` (a wait on futures)
/// submits work to a pool and is itself submitted to a pool of the same
/// name somewhere in `files`.
pub fn waits_on_own_pool(src: &mut Sources, abs: &str, at: u32, files: &[String]) -> Option<SelfWait> {
    let func = src.enclosing_name(abs, at);
    let name = func.rsplit('.').next()?.to_string();
    let (a, b) = src.named_function_extent(abs, &name)?;
    if !(a..=b).contains(&at) {
        return None;
    }
    let lines = src.lines(abs)?.clone();
    let (submits, pool) = (a + 1..=b).find_map(|n| submission(code(&lines[n as usize - 1])).map(|(r, _)| (n, r)))?;
    for f in files {
        let Some(fl) = src.lines(f).cloned() else { continue };
        for (i, l) in fl.iter().enumerate() {
            let Some((receiver, what)) = submission(code(l)) else { continue };
            let handed = what.rsplit('.').next().unwrap_or(&what);
            if handed == name && pool_name(&receiver) == pool_name(&pool) {
                return Some(SelfWait { submits, pool, outer: (f.clone(), i as u32 + 1) });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_function_run_on_a_pool_that_submits_to_the_same_pool_and_waits_is_found() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("page.py");
        std::fs::write(
            &p,
            "def _render(app):\n    futures = [app.executor.submit(w, app) for w in WIDGETS]\n    return [f.result(timeout=0.1) for f in futures]\n\ndef render(app):\n    return app.executor.submit(_render, app).result(timeout=2)\n\ndef other(app):\n    futures = [app.io_pool.submit(w) for w in WIDGETS]\n    return [f.result(timeout=0.1) for f in futures]\n",
        )
        .unwrap();
        let abs = p.to_string_lossy().into_owned();
        let mut src = Sources::default();
        let w = waits_on_own_pool(&mut src, &abs, 3, std::slice::from_ref(&abs)).expect("found");
        assert_eq!((w.submits, w.pool.as_str(), w.outer.1), (2, "app.executor", 6));
        // a function nothing submits to a pool does not wait on its own
        assert!(waits_on_own_pool(&mut src, &abs, 10, std::slice::from_ref(&abs)).is_none());
    }
}
