//! Which CPython functions flakebpf probes, per version: the `_random`
//! entry points and the eval loop's frame argument.

use flake_common::randop;

use super::PyVersion;

/// `_random` functions to probe for each draw kind, in order of preference
/// (the first one the module defines is used). These are the functions the
/// method tables point at, so they are never inlined away.
pub fn random_entry_points() -> &'static [(u64, &'static [&'static str])] {
    &[
        // 3.9+: Argument Clinic wrappers; 3.8: plain static functions.
        (randop::RANDOM, &["_random_Random_random", "random_random"]),
        (randop::GETRANDBITS, &["_random_Random_getrandbits", "random_getrandbits"]),
        (randop::SEED, &["random_seed", "_random_Random_seed"]),
    ]
}

/// `CLOCK_MONOTONIC`, the clock `time.monotonic` and `time.perf_counter`
/// read on Linux in every supported version.
const CLOCK_MONOTONIC: u64 = 1;

/// The `time` module functions that read the monotonic clock for Python
/// code (static functions of timemodule.c, found through `.symtab`), with
/// the clock id each reads: a probe there reports the read itself.
pub fn python_clock_functions() -> &'static [(&'static str, u64)] {
    &[
        ("time_monotonic", CLOCK_MONOTONIC),
        ("time_monotonic_ns", CLOCK_MONOTONIC),
        ("time_perf_counter", CLOCK_MONOTONIC),
        ("time_perf_counter_ns", CLOCK_MONOTONIC),
    ]
}

/// (index of the frame argument, index of the thread-state argument) of
/// `_PyEval_EvalFrameDefault`: `(f, throwflag)` on 3.8, `(tstate, frame,
/// throwflag)` from 3.9 on.
pub fn eval_frame_args(v: &PyVersion) -> (usize, Option<usize>) {
    if v.major == 3 && v.minor <= 8 {
        (0, None)
    } else {
        (1, Some(0))
    }
}
