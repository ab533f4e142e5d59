//! Byte layouts shared by flakebpf's kernel programs (`flake-ebpf`) and its
//! loader (`flake-user`): the records the BPF side writes into the ring
//! buffer, and the configuration the loader writes into BPF maps.
//!
//! This crate owns layouts only. It knows nothing about CPython versions
//! (the loader computes every offset and passes it in [`PyOffsets`]) and
//! nothing about how events are interpreted or reported.
#![no_std]

/// Most Python frames one stack event carries (innermost first).
pub const MAX_FRAMES: usize = 128;
/// Per-CPU places where the BPF side builds a record and counts lost
/// ones: one for programs that run in an interrupt (the sampler, wake-ups),
/// one for the others, which they may interrupt.
pub const SCRATCH_SLOTS: u32 = 2;
/// Bytes of kind-specific payload (paths, env strings, socket addresses).
pub const PAYLOAD_LEN: usize = 512;
/// Innermost frames whose code objects are copied on first sight.
pub const CODE_COPY_FRAMES: usize = 8;
/// Bytes of a code object's file name kept (the tail when longer).
pub const CODE_FILENAME_LEN: usize = 256;
/// Bytes of a code object's qualified name kept (the head when longer).
pub const CODE_QUALNAME_LEN: usize = 128;
/// Bytes of a code object's line table kept.
pub const CODE_LINETABLE_LEN: usize = 4096;
/// Offset value meaning "this field does not exist in this interpreter".
pub const NO_OFFSET: u32 = u32::MAX;
/// Entries of the per-syscall capture table.
pub const SYSCALL_TABLE_LEN: u32 = 512;

/// Record kinds written into the ring buffer.
pub mod kind {
    /// libc clock read (`a[0]` clock id, `a[1]` [`crate::clockfn`]).
    pub const CLOCK: u32 = 1;
    /// Syscall entry (`a[0]` nr, `a[1..7]` arguments).
    pub const SYS_ENTER: u32 = 2;
    /// Syscall exit (`a[0]` nr, `a[1]` return value, `a[2]` entry time), no stack.
    pub const SYS_EXIT: u32 = 3;
    /// The thread leaves the CPU (`a[0]` 1 if preempted, `a[1]` prev_state).
    pub const SCHED_OUT: u32 = 4;
    /// The thread gets the CPU back (`a[0]` off-CPU ns, `a[1]` 1 if it was preempted), no stack.
    pub const SCHED_IN: u32 = 5;
    /// The current thread wakes another (`a[0]` wakee tid), waker's stack.
    pub const WAKEUP: u32 = 6;
    /// Timer sample of an on-CPU thread.
    pub const SAMPLE: u32 = 7;
    /// GIL hand-off (`a[0]` 0 = released by PyEval_SaveThread, 1 = taken back by PyEval_RestoreThread).
    pub const GIL: u32 = 8;
    /// Environment write (`a[0]` [`crate::envop`]; payload `name\0value\0`).
    pub const ENV: u32 = 9;
    /// CPython `_random` call (`a[0]` [`crate::randop`]).
    pub const RANDOM: u32 = 10;
    /// A traced task forked or cloned (`a[0]` child pid or tid), no stack.
    pub const FORK: u32 = 11;
    /// A traced process called exec (payload: file name), no stack.
    pub const EXEC: u32 = 12;
    /// A traced task exited (`a[0]` exit code as the kernel stores it), no stack.
    pub const EXIT: u32 = 13;
    /// Deep mode: Python function entry (`a[0]` code object) or exit (`a[1]` = 1).
    pub const PYCALL: u32 = 14;
    /// A code object copied on first sight ([`crate::CodeRecord`]).
    pub const CODE: u32 = 20;
    /// Not a record: a uprobe site that only tells the BPF side where
    /// `_PyRuntime` is in the process that hits it (interpreter start-up).
    pub const LEARN: u32 = 21;
    /// Not a record: a Python-level clock function (time.monotonic,
    /// perf_counter, ...) is about to read the clock (the site's `arg` is
    /// the clock id). The read is reported here, as a [`CLOCK`] record;
    /// with such sites in place the libc probe reports no monotonic read,
    /// so a Python-level read is reported once, and monotonic reads no
    /// Python code asked for (lock deadlines, buffered I/O) are not.
    pub const CLOCK_INTENT: u32 = 22;
}

/// Which libc clock function was called.
pub mod clockfn {
    pub const CLOCK_GETTIME: u64 = 0;
    pub const GETTIMEOFDAY: u64 = 1;
    pub const TIME: u64 = 2;
}

/// Environment operations.
pub mod envop {
    pub const SETENV: u64 = 0;
    pub const UNSETENV: u64 = 1;
    pub const PUTENV: u64 = 2;
}

/// CPython `_random` entry points.
pub mod randop {
    pub const RANDOM: u64 = 0;
    pub const GETRANDBITS: u64 = 1;
    pub const SEED: u64 = 2;
}

/// Stack status bits in [`Header::flags`].
pub mod stackflag {
    /// The process is not (yet) known to run a supported Python.
    pub const NO_PYTHON: u32 = 1;
    /// No thread state matched the current thread (thread start/exit, no Python code).
    pub const NO_TSTATE: u32 = 2;
    /// The stack was deeper than [`crate::MAX_FRAMES`].
    pub const TRUNCATED: u32 = 4;
    /// A frame could not be read from user memory.
    pub const READ_ERROR: u32 = 8;
    /// The walk stopped at a frame of the test runner (pytest's hook
    /// caller); the frames beyond it are the runner's own machinery.
    pub const RUNNER_CUT: u32 = 16;
    /// A thread left the CPU inside a syscall whose entry record carries
    /// the stack (the Python stack cannot change during a syscall): this
    /// record has no frames of its own, `a[2]` is the entry record's
    /// timestamp, and user space gives it that record's stack. The other
    /// bits are the entry record's.
    pub const SYSCALL_STACK: u32 = 32;
    /// Bits 8..12 hold 1 + the `PYOFFSETS` slot whose offsets walked the
    /// stack (or copied the code object); 0 when no interpreter was known.
    pub const SLOT_SHIFT: u32 = 8;
    pub const SLOT_MASK: u32 = 0xf << SLOT_SHIFT;

    /// The `PYOFFSETS` slot recorded in `flags`, if any.
    pub fn slot(flags: u32) -> Option<u32> {
        match (flags & SLOT_MASK) >> SLOT_SHIFT {
            0 => None,
            n => Some(n - 1),
        }
    }
}

/// Frame `code` values with this bit set are interpreter shims / C entry
/// frames, to be dropped by user space (code pointers are 8-aligned).
pub const FRAME_SHIM_BIT: u64 = 1;

/// Start of every ring-buffer record.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct Header {
    pub kind: u32,
    /// Bytes of the whole record.
    pub size: u32,
    /// `bpf_ktime_get_ns` (CLOCK_MONOTONIC).
    pub ts: u64,
    pub pid: u32,
    pub tid: u32,
    pub cpu: u32,
    /// [`stackflag`] bits.
    pub flags: u32,
}

/// One Python frame as read in the kernel: the code object address and the
/// raw instruction position (`f_lasti` up to 3.10, the instruction pointer
/// from 3.11 on; user space turns it into a line).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct Frame {
    pub code: u64,
    pub instr: u64,
}

/// An event with arguments, payload and Python stack. Only the first
/// `EVENT_FIXED_LEN + nframes * size_of::<Frame>()` bytes are sent.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct Event {
    pub hdr: Header,
    pub a: [u64; 8],
    pub nframes: u32,
    pub payload_len: u32,
    pub payload: [u8; PAYLOAD_LEN],
    pub frames: [Frame; MAX_FRAMES],
}

/// Bytes of an [`Event`] before its frames.
pub const EVENT_FIXED_LEN: usize = core::mem::size_of::<Header>() + 8 * 8 + 8 + PAYLOAD_LEN;
/// Bytes of an event without payload or stack (header and arguments).
pub const EVENT_SMALL_LEN: usize = core::mem::size_of::<Header>() + 8 * 8;

/// A code object's names and line table, copied when the BPF side first
/// sees it in a process (module code objects are freed right after import).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct CodeRecord {
    pub hdr: Header,
    pub code: u64,
    /// Address of the code object's `co_filename` string: with
    /// `firstlineno` it makes the code object's [`code_tag`].
    pub filename_ptr: u64,
    pub firstlineno: i32,
    /// PyUnicode `state` word of the file name and of the qualified name.
    pub filename_state: u32,
    pub qualname_state: u32,
    /// Characters in the original strings.
    pub filename_len: u32,
    pub qualname_len: u32,
    /// Bytes copied into the arrays below.
    pub filename_copied: u32,
    pub qualname_copied: u32,
    /// Bytes of the original line table, and bytes copied.
    pub linetable_len: u32,
    pub linetable_copied: u32,
    pub _pad: u32,
    pub filename: [u8; CODE_FILENAME_LEN],
    pub qualname: [u8; CODE_QUALNAME_LEN],
    pub linetable: [u8; CODE_LINETABLE_LEN],
}

/// What tells a code object from another one later at the same address
/// (freed code objects' addresses are soon reused, and every module's code
/// has `co_firstlineno` 1): its `co_filename` pointer mixed with its
/// `co_firstlineno`. Values of `SEEN` and `LIBRARY`.
pub fn code_tag(filename_ptr: u64, firstlineno: i32) -> u64 {
    filename_ptr ^ ((firstlineno as u32 as u64) << 48)
}

/// Where CPython keeps what the stack walk needs, for one interpreter build.
/// Filled by the loader's per-version module; [`NO_OFFSET`] marks absent fields.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct PyOffsets {
    /// `major << 8 | minor`, e.g. 0x030b.
    pub version: u32,
    /// 0: `PyFrameObject` chain (<= 3.10); 1: `_PyInterpreterFrame` chain (>= 3.11).
    pub frame_model: u32,
    pub runtime_interp_head: u32,
    pub interp_tstate_head: u32,
    pub tstate_next: u32,
    /// `thread_id` (pthread_self, equal to the thread pointer / fsbase on x86_64).
    pub tstate_thread_id: u32,
    /// Frame pointer field in the thread state: `frame` (<= 3.10), `cframe`
    /// (3.11, 3.12) or `current_frame` (3.13).
    pub tstate_frame: u32,
    /// `_PyCFrame.current_frame` when `tstate_frame` points to a cframe.
    pub cframe_current_frame: u32,
    pub frame_code: u32,
    pub frame_back: u32,
    /// `f_lasti` (<= 3.10, an int) or `prev_instr` / `instr_ptr` (a pointer).
    pub frame_instr: u32,
    /// 1 if `frame_instr` is a 32-bit int, 0 for a pointer.
    pub frame_instr_is_int: u32,
    /// `owner` byte of `_PyInterpreterFrame` (3.12+), else NO_OFFSET.
    pub frame_owner: u32,
    /// `owner` value of frames owned by the C stack (shims).
    pub owner_cstack: u32,
    /// `is_entry` byte (3.11), else NO_OFFSET. Entry frames are real frames; kept.
    pub frame_is_entry: u32,
    pub code_filename: u32,
    /// `co_qualname` when present (3.11+), else `co_name`.
    pub code_qualname: u32,
    pub code_firstlineno: u32,
    /// `co_linetable` / `co_lnotab` (a bytes object).
    pub code_linetable: u32,
    pub unicode_length: u32,
    pub unicode_state: u32,
    pub unicode_ascii_data: u32,
    pub unicode_compact_data: u32,
    pub bytes_size: u32,
    pub bytes_data: u32,
    /// `f_globals` of a frame (the module's dict): with the code object and
    /// instruction it tells library-only stacks apart (`LIBSTACK`).
    pub frame_globals: u32,
    /// `&_Py_NoneStruct - &_PyRuntime` (3.13 entry frames hold None), or 0.
    pub none_minus_runtime: i64,
}

/// Machine-wide settings for the BPF programs (index 0 of `GLOBAL`).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct Global {
    /// Offset of `task_struct.thread.fsbase` (from kernel BTF).
    pub task_fsbase: u32,
    /// Offset of `task_struct.pid` and `task_struct.tgid` (from kernel BTF).
    pub task_pid: u32,
    pub task_tgid: u32,
    /// Offset of `task_struct.exit_code` and of `linux_binprm.filename`.
    pub task_exit_code: u32,
    pub bprm_filename: u32,
    /// Non-zero: walk the Python stack at sched_switch (off-CPU stacks).
    pub stack_at_switch: u32,
    /// Bit `s` set when CLOCK_INTENT sites are attached for the interpreter
    /// build of `PYOFFSETS` slot `s`.
    pub clock_intents: u32,
    /// The tracer's run number: part of every key of `SEEN`, `LIBRARY` and
    /// `LIBSTACK`, so one run's entries never match the next run's
    /// processes; they age out of those LRU maps instead of being deleted
    /// one syscall each between runs.
    pub generation: u32,
    /// Where libc's clock probe finds its caller's return address
    /// (`rsp + clock_ret_sp`), or [`NO_OFFSET`] when unknown.
    pub clock_ret_sp: u32,
    /// Bit `s` set when `CLOCKRET` holds the return addresses of the
    /// interpreter build of `PYOFFSETS` slot `s` (see [`ClockRetKey`]).
    pub clock_rets: u32,
    /// Off-CPU periods shorter than this (ns) are not reported.
    pub min_offcpu_ns: u64,
}

/// Key of `CLOCKRET`: a return address on the native stack at libc's
/// `clock_gettime`, relative to `_PyRuntime` of the process (so the load
/// bias cancels), for the interpreter build of `slot`. The value is the
/// stack depth of the calling helper's frame at that call (the next return
/// address is 8 + depth bytes above), or [`CLOCKRET_PYTHON`] for a return
/// address inside a Python-level clock function (`time.monotonic` & co.):
/// the read is then reported at libc, and that function has no uprobe.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ClockRetKey {
    pub slot: u32,
    pub pad: u32,
    pub rel: i64,
}

/// `CLOCKRET` value of a return address inside a Python-level clock function.
pub const CLOCKRET_PYTHON: u32 = u32::MAX;
/// Return addresses `CLOCKRET` looks at, at most, from libc up.
pub const CLOCKRET_LEVELS: usize = 4;

/// What the BPF side knows about one traced process running Python.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct ProcPy {
    /// Run-time address of `_PyRuntime`.
    pub runtime: u64,
    /// Index into the `PYOFFSETS` array.
    pub slot: u32,
    /// Non-zero once user space has registered runner frames (`STOPCODE`)
    /// for this process: the [`stop_bit`] of each of their code objects,
    /// so a stack walk looks a frame up in `STOPCODE` only when its bit is
    /// set (most frames of a walk, never).
    pub has_stops: u32,
}

/// The bit of `ProcPy::has_stops` standing for code object `code` (code
/// objects are 16-byte aligned).
#[inline(always)]
pub fn stop_bit(code: u64) -> u32 {
    1u32 << (((code >> 4) ^ (code >> 9) ^ (code >> 14)) & 31)
}

/// A uprobe site inside an interpreter binary; the cookie of the uprobe is
/// the index of this entry in `SITES`. From the hit address the BPF side
/// derives the load bias, hence `_PyRuntime`, of the process.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct Site {
    /// Link-time virtual address of the probed instruction.
    pub vaddr: u64,
    /// Link-time virtual address of `_PyRuntime` in the same binary (0 if the
    /// site is not in the interpreter binary, e.g. in libc).
    pub runtime_vaddr: u64,
    /// `PYOFFSETS` slot for processes found through this site.
    pub slot: u32,
    /// What the site reports ([`kind`]), and a kind-specific argument.
    pub kind: u32,
    pub arg: u64,
}

/// How to capture one syscall (index = syscall number in `SYSCALLS`).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct SysSpec {
    /// Bit 0: report; bit 1: walk the Python stack at entry; bit 2: report the exit.
    pub flags: u32,
    /// Argument index (1-based, 0 = none) of a C string copied to payload[0..256].
    pub str1: u8,
    /// Argument index of a second C string copied to payload[256..512].
    pub str2: u8,
    /// Argument index of a buffer copied to payload[0..buf_len].
    pub buf: u8,
    pub buf_len: u8,
}

pub mod sysflag {
    pub const REPORT: u32 = 1;
    pub const STACK: u32 = 2;
    pub const EXIT: u32 = 4;
}

#[cfg(feature = "user")]
mod pod {
    unsafe impl aya::Pod for super::PyOffsets {}
    unsafe impl aya::Pod for super::Global {}
    unsafe impl aya::Pod for super::ProcPy {}
    unsafe impl aya::Pod for super::Site {}
    unsafe impl aya::Pod for super::SysSpec {}
    unsafe impl aya::Pod for super::ClockRetKey {}
}

#[cfg(test)]
mod tests {
    use super::stop_bit;

    #[test]
    fn stop_bit_is_one_bit_and_spreads_neighbouring_code_objects() {
        let base = 0x7f3a_1c2b_4000u64;
        let bits: u32 = (0..32).map(|i| stop_bit(base + i * 16)).fold(0, |a, b| a | b);
        assert!((0..64).all(|i| stop_bit(base + i * 16).count_ones() == 1));
        assert!(bits.count_ones() >= 16, "{bits:#x}");
    }
}
