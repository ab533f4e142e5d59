//! The built-in per-minor offset table (x86_64, default non-debug,
//! non-free-threaded builds), measured with gdb on the pyenv builds
//! 3.8.18, 3.9.18, 3.10.13, 3.11.7, 3.12.1 and 3.13.0 and used when a
//! binary has no DWARF (e.g. Debian's `/usr/bin/python3.11`), and as the
//! cross-check when it has.

use flake_common::{PyOffsets, NO_OFFSET};

/// Oldest and newest supported minor versions of CPython 3.
pub const MIN_MINOR: u8 = 8;
pub const MAX_MINOR: u8 = 13;

/// `FRAME_OWNED_BY_CSTACK` (3.12, 3.13).
pub const OWNER_CSTACK: u32 = 3;

/// Built-in offsets and `co_code_adaptive` (0 before 3.11) for `3.minor`.
pub fn builtin(minor: u8) -> Option<(PyOffsets, u64)> {
    const N: u32 = NO_OFFSET;
    let common = PyOffsets {
        version: 0x0300 | minor as u32,
        frame_model: 0,
        runtime_interp_head: 32,
        interp_tstate_head: 8,
        tstate_next: 8,
        tstate_thread_id: 176,
        tstate_frame: 24,
        cframe_current_frame: N,
        frame_code: 32,
        frame_back: 24,
        frame_instr: 104,
        frame_instr_is_int: 1,
        frame_owner: N,
        owner_cstack: N,
        frame_is_entry: N,
        code_filename: 104,
        code_qualname: 112,
        code_firstlineno: 40,
        code_linetable: 120,
        unicode_length: 16,
        unicode_state: 32,
        unicode_ascii_data: 48,
        unicode_compact_data: 72,
        bytes_size: 16,
        bytes_data: 32,
        frame_globals: 48,
        none_minus_runtime: 0,
    };
    let o = match minor {
        8 | 9 => (common, 0),
        10 => (
            PyOffsets {
                frame_instr: 96,
                ..common
            },
            0,
        ),
        11 => (
            PyOffsets {
                frame_model: 1,
                runtime_interp_head: 40,
                interp_tstate_head: 16,
                tstate_thread_id: 152,
                tstate_frame: 56,
                cframe_current_frame: 8,
                frame_code: 32,
                frame_back: 48,
                frame_globals: 8,
                frame_instr: 56,
                frame_instr_is_int: 0,
                frame_is_entry: 68,
                code_filename: 112,
                code_qualname: 128,
                code_firstlineno: 72,
                code_linetable: 136,
                ..common
            },
            184,
        ),
        12 => (
            PyOffsets {
                frame_model: 1,
                runtime_interp_head: 40,
                interp_tstate_head: 72,
                tstate_thread_id: 136,
                tstate_frame: 56,
                cframe_current_frame: 0,
                frame_code: 0,
                frame_back: 8,
                frame_globals: 24,
                frame_instr: 56,
                frame_instr_is_int: 0,
                frame_owner: 70,
                owner_cstack: OWNER_CSTACK,
                code_filename: 112,
                code_qualname: 128,
                code_firstlineno: 68,
                code_linetable: 136,
                unicode_ascii_data: 40,
                unicode_compact_data: 56,
                ..common
            },
            192,
        ),
        13 => (
            PyOffsets {
                frame_model: 1,
                runtime_interp_head: 632,
                interp_tstate_head: 7344,
                tstate_thread_id: 152,
                tstate_frame: 72,
                cframe_current_frame: N,
                frame_code: 0,
                frame_back: 8,
                frame_globals: 24,
                frame_instr: 56,
                frame_instr_is_int: 0,
                frame_owner: 70,
                owner_cstack: OWNER_CSTACK,
                code_filename: 112,
                code_qualname: 128,
                code_firstlineno: 68,
                code_linetable: 136,
                unicode_ascii_data: 40,
                unicode_compact_data: 56,
                ..common
            },
            200,
        ),
        _ => return None,
    };
    Some(o)
}
