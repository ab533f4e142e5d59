//! CPython 3.13's `_Py_DebugOffsets`: the struct at the start of
//! `_PyRuntime` (initialised data, so readable from the ELF file) in which
//! the interpreter describes its own layouts for debuggers and profilers.
//!
//! The position of each field inside `_Py_DebugOffsets` comes from DWARF
//! when the binary has it, else from the 3.13 layout below.

use super::dwarf::Layout;

/// `_Py_DebugOffsets.cookie`.
pub const COOKIE: &[u8; 8] = b"xdebugpy";

/// The fields flakebpf reads, with their position in the 3.13 layout.
const FIELDS_313: &[(&str, u64)] = &[
    ("version", 8),
    ("free_threaded", 16),
    ("runtime_state.interpreters_head", 40),
    ("interpreter_state.threads_head", 72),
    ("thread_state.next", 168),
    ("thread_state.current_frame", 184),
    ("thread_state.thread_id", 192),
    ("interpreter_frame.previous", 232),
    ("interpreter_frame.executable", 240),
    ("interpreter_frame.instr_ptr", 248),
    ("interpreter_frame.owner", 264),
    ("code_object.filename", 280),
    ("code_object.qualname", 296),
    ("code_object.linetable", 304),
    ("code_object.firstlineno", 312),
    ("code_object.co_code_adaptive", 344),
    ("bytes_object.ob_size", 520),
    ("bytes_object.ob_sval", 528),
    ("unicode_object.state", 544),
    ("unicode_object.length", 552),
    ("unicode_object.asciiobject_size", 560),
];

/// Bytes of `_Py_DebugOffsets` needed to read every field above.
pub const READ_LEN: usize = 568;

/// Values read from `_Py_DebugOffsets`, by field path.
#[derive(Debug, Default)]
pub struct DebugOffsets {
    pub values: Vec<(&'static str, u64)>,
    /// The field positions came from DWARF (else from the built-in 3.13 layout).
    pub layout_from_dwarf: bool,
}

impl DebugOffsets {
    pub fn get(&self, name: &str) -> Option<u64> {
        self.values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, v)| v)
    }
}

/// Parses `data` (the first [`READ_LEN`] bytes of `_PyRuntime`). `layout`
/// is the DWARF layout of `struct _Py_DebugOffsets`, if any.
pub fn parse(data: &[u8], layout: Option<&Layout>) -> Result<DebugOffsets, String> {
    if data.len() < 8 || &data[..8] != COOKIE {
        return Err(format!(
            "_PyRuntime does not start with the _Py_DebugOffsets cookie \"xdebugpy\" (found {:?})",
            String::from_utf8_lossy(&data[..data.len().min(8)])
        ));
    }
    let mut out = DebugOffsets {
        values: Vec::new(),
        layout_from_dwarf: layout.is_some(),
    };
    for &(name, builtin_pos) in FIELDS_313 {
        let pos = match layout {
            Some(l) => l
                .offset(name)
                .ok_or_else(|| format!("DWARF of _Py_DebugOffsets has no field {name}"))?,
            None => builtin_pos,
        };
        let p = pos as usize;
        let bytes = data.get(p..p + 8).ok_or_else(|| {
            format!("_Py_DebugOffsets field {name} at {pos} is beyond the bytes read")
        })?;
        out.values
            .push((name, u64::from_le_bytes(bytes.try_into().unwrap())));
    }
    Ok(out)
}
