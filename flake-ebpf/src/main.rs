//! flakebpf's kernel side. Every program first checks that the current task
//! belongs to the traced process tree (`TRACED`, kept up to date here at
//! fork), then records what happened with the current thread's Python stack
//! into the `EVENTS` ring buffer without waking user space.
//!
//! Programs: uprobes (libc clocks and environment writes, CPython's `_random`,
//! GIL hand-offs, deep-mode eval-loop entry/exit), raw tracepoints
//! (sys_enter/sys_exit, sched_switch, sched_wakeup, process fork/exec/exit)
//! and a perf-event sampler. All CPython and kernel struct offsets come from
//! user space through maps; this file holds no per-version knowledge.
//!
//! The stack walk and the code-object copies are global BPF functions
//! (`flake_walk_send` and the other exported `flake_*` functions): the
//! kernel verifies each once per program, not once per path reaching it,
//! which keeps program loading (most of the tracer's start-up) short.
#![no_std]
#![no_main]
#![allow(static_mut_refs)]

use aya_ebpf::{
    helpers::{
        bpf_get_current_pid_tgid, bpf_get_current_task, bpf_get_smp_processor_id,
        bpf_ktime_get_ns, bpf_probe_read_kernel, bpf_probe_read_kernel_str_bytes,
        bpf_probe_read_user, bpf_probe_read_user_buf, bpf_probe_read_user_str_bytes,
        generated::{bpf_get_attach_cookie, bpf_loop},
    },
    macros::{map, perf_event, raw_tracepoint, uprobe, uretprobe},
    maps::{Array, HashMap, LruHashMap, PerCpuArray, RingBuf},
    programs::{PerfEventContext, ProbeContext, RawTracePointContext, RetProbeContext},
    cty::c_void,
    EbpfContext,
};
use flake_common::{
    code_tag, kind, stackflag, ClockRetKey, CodeRecord, CLOCKRET_LEVELS, CLOCKRET_PYTHON, Event, Global, ProcPy, PyOffsets, Site, SysSpec,
    CODE_COPY_FRAMES, CODE_FILENAME_LEN, CODE_LINETABLE_LEN, CODE_QUALNAME_LEN, EVENT_FIXED_LEN,
    EVENT_SMALL_LEN, FRAME_SHIM_BIT, MAX_FRAMES, NO_OFFSET, PAYLOAD_LEN, SCRATCH_SLOTS, SYSCALL_TABLE_LEN,
};

const BPF_RB_NO_WAKEUP: u64 = 1;
const MAX_THREADS_WALKED: u32 = 64;

#[map]
static EVENTS: RingBuf = RingBuf::with_byte_size(64 * 1024 * 1024, 0);
/// Records that could not be queued (ring full), per CPU and
/// [`scratch_slot`].
#[map]
static LOST: PerCpuArray<u64> = PerCpuArray::with_max_entries(SCRATCH_SLOTS, 0);
#[map]
static GLOBAL: Array<Global> = Array::with_max_entries(1, 0);
#[map]
static PYOFFSETS: Array<PyOffsets> = Array::with_max_entries(8, 0);
#[map]
static SITES: Array<Site> = Array::with_max_entries(256, 0);
#[map]
static SYSCALLS: Array<SysSpec> = Array::with_max_entries(SYSCALL_TABLE_LEN, 0);
/// Traced tgids (value unused).
#[map]
static TRACED: HashMap<u32, u32> = HashMap::with_max_entries(16384, 0);
/// tgid → where its `_PyRuntime` is and which offsets apply.
#[map]
static PROCS: HashMap<u32, ProcPy> = HashMap::with_max_entries(16384, 0);
/// tid → thread state (re-validated on every use).
#[map]
static TSTATE: LruHashMap<u32, u64> = LruHashMap::with_max_entries(65536, 0);
/// (tgid, run, code object) already copied → its co_filename pointer mixed
/// with its co_firstlineno.
#[map]
static SEEN: LruHashMap<SeenKey, u64> = LruHashMap::with_max_entries(131072, 0);
/// (tgid, run, code object) → [`code_tag`] of code objects user space found
/// to be library code (stdlib, site-packages, pytest; never the project's
/// under any root directory): a record whose frames are all library code
/// is not sent (see [`library_only`]).
#[map]
static LIBRARY: LruHashMap<SeenKey, u64> = LruHashMap::with_max_entries(131072, 0);
/// Records not sent because their frames are all library code, per CPU
/// and [`scratch_slot`].
#[map]
static FILTERED: PerCpuArray<u64> = PerCpuArray::with_max_entries(SCRATCH_SLOTS, 0);
/// (tgid, code object) of test-runner frames where stack walks stop.
#[map]
static STOPCODE: LruHashMap<SeenKey, u8> = LruHashMap::with_max_entries(4096, 0);
/// (tgid, run, fingerprint of a whole walked stack) of stacks found to hold
/// library code only (see [`library_only`]): the same stack seen again
/// (an event loop's clock read or `epoll_wait`, over and over) is left
/// out after one map lookup instead of a look-up per frame; and of stacks
/// sent whose code objects were copied then (see [`walk_stack`]).
#[map]
static LIBSTACK: LruHashMap<SeenKey, u8> = LruHashMap::with_max_entries(16384, 0);
/// Return addresses that prove a libc clock read was made by a
/// Python-level clock function (see [`ClockRetKey`] and
/// [`python_level_read`]).
#[map]
static CLOCKRET: HashMap<ClockRetKey, u32> = HashMap::with_max_entries(1024, 0);
/// tids that left the CPU blocked since their last GIL report.
#[map]
static BLOCKED: LruHashMap<u32, u8> = LruHashMap::with_max_entries(65536, 0);
/// tid → (syscall nr, entry time) of the syscall in progress.
#[map]
static SYSENTER: HashMap<u32, SysState> = HashMap::with_max_entries(65536, 0);
/// tid → (switch-out time, preempted) while off the CPU.
#[map]
static OFFCPU: HashMap<u32, SysState> = HashMap::with_max_entries(65536, 0);
/// Per-CPU record being built, one per [`scratch_slot`]: a program that
/// runs in an interrupt can interrupt another one on the same CPU, and
/// must not build its record in the same place.
#[map]
static SCRATCH: PerCpuArray<Event> = PerCpuArray::with_max_entries(SCRATCH_SLOTS, 0);
/// The code record being built, one per [`scratch_slot`] (as `SCRATCH`).
#[map]
static CODESCRATCH: PerCpuArray<CodeRecord> = PerCpuArray::with_max_entries(SCRATCH_SLOTS, 0);

/// The scratch slot of a record of `kind`. The sampler (a timer interrupt)
/// and the wake-up tracepoint (often in a timer's or a device's interrupt)
/// can run while another program of this file is half-way through its
/// record on the same CPU: the kernel keeps a uprobe program from being
/// interrupted by the sampler, but not a raw tracepoint's, and nothing
/// keeps the wake-up tracepoint out. They get slot 1, everything else
/// slot 0. Neither interrupts the other: the sampler's program runs with
/// interrupts off, and a wake-up of another task is traced with
/// interrupts off (under the wakee's `pi_lock`); sched_switch runs with
/// interrupts off and no program of slot 0 can be preempted (the kernel
/// runs them with preemption off).
#[inline(always)]
fn scratch_slot(kind: u32) -> u32 {
    if kind == kind::SAMPLE || kind == kind::WAKEUP {
        1
    } else {
        0
    }
}

/// Key of `SEEN`, `LIBRARY`, `LIBSTACK` (with [`generation`]) and
/// `STOPCODE` (generation 0).
#[repr(C)]
#[derive(Clone, Copy)]
struct SeenKey {
    pid: u32,
    generation: u32,
    code: u64,
}

/// The tracer's current run number (`Global::generation`).
#[inline(always)]
fn generation() -> u32 {
    global().map_or(0, |g| g.generation)
}

#[repr(C)]
#[derive(Clone, Copy)]
struct SysState {
    nr: u64,
    ts: u64,
    /// `SYSENTER` only: the stack flags of the entry record when it
    /// carries frames (see `stackflag::SYSCALL_STACK`), else 0.
    stack_flags: u64,
}

#[inline(always)]
fn count_lost(kind: u32) {
    // One counter per scratch slot: a program interrupting this one may
    // count at the same time.
    if let Some(p) = LOST.get_ptr_mut(scratch_slot(kind)) {
        unsafe { *p += 1 };
    }
}

#[inline(always)]
fn count_filtered(kind: u32) {
    if let Some(p) = FILTERED.get_ptr_mut(scratch_slot(kind)) {
        unsafe { *p += 1 };
    }
}

/// `SysState::stack_flags` of a syscall whose entry record was not sent
/// (library code only): its exit and the sched-outs inside it are not sent either.
const SYSCALL_FILTERED: u64 = u64::MAX;

#[inline(always)]
fn current_ids() -> (u32, u32) {
    let id = bpf_get_current_pid_tgid();
    ((id >> 32) as u32, id as u32)
}

#[inline(always)]
fn is_traced(pid: u32) -> bool {
    unsafe { TRACED.get(&pid).is_some() }
}

#[inline(always)]
fn global() -> Option<&'static Global> {
    GLOBAL.get(0)
}

#[inline(always)]
fn ru64(addr: u64) -> u64 {
    unsafe { bpf_probe_read_user(addr as *const u64).unwrap_or(0) }
}

#[inline(always)]
fn ru32(addr: u64) -> u32 {
    unsafe { bpf_probe_read_user(addr as *const u32).unwrap_or(0) }
}

#[inline(always)]
fn rk32(addr: u64) -> u32 {
    unsafe { bpf_probe_read_kernel(addr as *const u32).unwrap_or(0) }
}

/// Prepares the per-CPU scratch event for `kind` and returns it.
#[inline(always)]
fn begin(kind: u32, pid: u32, tid: u32) -> Option<&'static mut Event> {
    let ev = unsafe { &mut *SCRATCH.get_ptr_mut(scratch_slot(kind))? };
    ev.hdr.kind = kind;
    ev.hdr.size = 0;
    ev.hdr.ts = unsafe { bpf_ktime_get_ns() };
    ev.hdr.pid = pid;
    ev.hdr.tid = tid;
    ev.hdr.cpu = unsafe { bpf_get_smp_processor_id() };
    ev.hdr.flags = 0;
    zero_words(&mut ev.a);
    ev.nframes = 0;
    ev.payload_len = 0;
    Some(ev)
}

/// Zeroes `words` one store each. A plain `= [0; N]` (or several zeroed
/// fields in a row) becomes a call of the byte-at-a-time `memset`, which
/// the verifier walks through once per byte at every call site.
#[inline(always)]
fn zero_words<const N: usize>(words: &mut [u64; N]) {
    for w in words.iter_mut() {
        unsafe { core::ptr::write_volatile(w, 0) };
    }
}

/// Sends header and arguments only.
#[inline(always)]
fn send_small(ev: &mut Event) {
    ev.hdr.size = EVENT_SMALL_LEN as u32;
    let bytes = unsafe { core::slice::from_raw_parts(ev as *const Event as *const u8, EVENT_SMALL_LEN) };
    if EVENTS.output::<[u8]>(bytes, BPF_RB_NO_WAKEUP).is_err() {
        count_lost(ev.hdr.kind);
    }
}

/// Sends header, arguments, payload and the walked frames.
#[inline(always)]
fn send_full(ev: &mut Event) {
    let mut n = ev.nframes as usize;
    if n > MAX_FRAMES {
        n = MAX_FRAMES;
    }
    let size = EVENT_FIXED_LEN + n * core::mem::size_of::<flake_common::Frame>();
    ev.hdr.size = size as u32;
    if size > core::mem::size_of::<Event>() {
        return;
    }
    let bytes = unsafe { core::slice::from_raw_parts(ev as *const Event as *const u8, size) };
    if EVENTS.output::<[u8]>(bytes, BPF_RB_NO_WAKEUP).is_err() {
        count_lost(ev.hdr.kind);
    }
}

/// Thread pointer of the current task: equals pthread_self, which CPython
/// stores as `tstate->thread_id`.
#[inline(always)]
fn current_fsbase(g: &Global) -> u64 {
    let task = unsafe { bpf_get_current_task() };
    unsafe { bpf_probe_read_kernel((task + g.task_fsbase as u64) as *const u64).unwrap_or(0) }
}

/// Finds the current thread's `PyThreadState`: the cached one if it still
/// belongs to this thread, else the last match in the interpreter's thread
/// list (on 3.11 a new thread's state carries its creator's ids until it
/// starts, and new states are pushed at the head).
#[inline(always)]
fn find_tstate(g: &Global, proc_: &ProcPy, off: &PyOffsets, tid: u32) -> u64 {
    let me = current_fsbase(g);
    if me == 0 {
        return 0;
    }
    if let Some(ts) = unsafe { TSTATE.get(&tid) } {
        let ts = *ts;
        if ts != 0 && ru64(ts + off.tstate_thread_id as u64) == me {
            return ts;
        }
    }
    let interp = ru64(proc_.runtime + off.runtime_interp_head as u64);
    if interp == 0 {
        return 0;
    }
    let mut l = ThreadsCtx {
        off: off as *const PyOffsets,
        next: ru64(interp + off.interp_tstate_head as u64),
        me,
        found: 0,
    };
    repeat(MAX_THREADS_WALKED, thread_step, &mut l);
    if l.found != 0 {
        let _ = TSTATE.insert(&tid, &l.found, 0);
    }
    l.found
}

/// The thread-list walk of [`find_tstate`] (`bpf_loop` context).
#[repr(C)]
struct ThreadsCtx {
    off: *const PyOffsets,
    /// Next thread state to look at (0 at the end of the list).
    next: u64,
    /// The current thread's pthread_self.
    me: u64,
    /// The last thread state that matched so far.
    found: u64,
}

/// Looks at one thread state of the list; 1 ends the walk.
#[inline(never)]
extern "C" fn thread_step(_i: u64, ctx: *mut c_void) -> i64 {
    let l = unsafe { &mut *(ctx as *mut ThreadsCtx) };
    let t = l.next;
    if t == 0 {
        return 1;
    }
    let off = unsafe { &*l.off };
    if ru64(t + off.tstate_thread_id as u64) == l.me {
        l.found = t;
    }
    l.next = ru64(t + off.tstate_next as u64);
    0
}

#[inline(always)]
fn field(buf: &[u64; 16], off: u32) -> u64 {
    let idx = ((off >> 3) & 15) as usize;
    buf[idx]
}

/// Calls `step` up to `n` times through the `bpf_loop` helper, so the
/// verifier checks the step's body once instead of once per iteration:
/// that keeps program loading (verification) fast.
#[inline(always)]
fn repeat<C>(n: u32, step: extern "C" fn(u64, *mut c_void) -> i64, ctx: &mut C) {
    unsafe { bpf_loop(n, step as *const () as *mut c_void, ctx as *mut C as *mut c_void, 0) };
}

/// What one step of the frame walk reads and updates (`bpf_loop` context).
#[repr(C)]
struct WalkCtx {
    ev: *mut Event,
    off: *const PyOffsets,
    st: WalkState,
}

/// What [`flake_read_frame`] carries from one frame to the next: plain
/// words only (a global function's argument is memory of a known size,
/// and a pointer read from it is not one the verifier lets it follow).
#[repr(C)]
pub struct WalkState {
    /// Next frame to read (0 once the walk is over).
    frame: u64,
    /// Address of `Py_None` (3.13 entry frames), or 0.
    none: u64,
    /// Fingerprint of the frames read so far (see [`mix`]).
    hash: u64,
    pid: u32,
    has_stops: u32,
}

/// Adds one word to a stack fingerprint.
#[inline(always)]
fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(23) ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// Walks the Python stack of the current thread into `ev.frames`; false
/// when the record is not to be sent (see [`library_only`]).
#[inline(always)]
fn walk_stack(ev: &mut Event, pid: u32, tid: u32) -> bool {
    let Some(g) = global() else { return true };
    let Some(proc_) = (unsafe { PROCS.get(&pid) }) else {
        ev.hdr.flags |= stackflag::NO_PYTHON;
        return true;
    };
    let Some(off) = PYOFFSETS.get(proc_.slot) else {
        ev.hdr.flags |= stackflag::NO_PYTHON;
        return true;
    };
    ev.hdr.flags |= ((proc_.slot + 1) << stackflag::SLOT_SHIFT) & stackflag::SLOT_MASK;
    let ts = find_tstate(g, proc_, off, tid);
    if ts == 0 {
        ev.hdr.flags |= stackflag::NO_TSTATE;
        return true;
    }
    let mut frame = ru64(ts + off.tstate_frame as u64);
    if off.cframe_current_frame != NO_OFFSET && frame != 0 {
        frame = ru64(frame + off.cframe_current_frame as u64);
    }
    let none = if off.none_minus_runtime != 0 {
        (proc_.runtime as i64 + off.none_minus_runtime) as u64
    } else {
        0
    };
    let mut w = WalkCtx {
        ev: ev as *mut Event,
        off: off as *const PyOffsets,
        st: WalkState { frame, none, hash: proc_.runtime, pid, has_stops: proc_.has_stops },
    };
    repeat((MAX_FRAMES / WALK_BATCH) as u32, walk_step, &mut w);
    if w.st.frame != 0 {
        ev.hdr.flags |= stackflag::TRUNCATED;
    }
    // A stack seen before: every frame's code object, instruction and
    // module globals are the same.
    let key = SeenKey { pid, generation: g.generation, code: w.st.hash };
    let fingerprinted = off.frame_globals != NO_OFFSET;
    let known = if fingerprinted { unsafe { LIBSTACK.get(&key) }.copied().unwrap_or(0) } else { 0 };
    if filterable(ev) {
        // Seen as library code only.
        if known == LIBSTACK_LIBRARY {
            count_filtered(ev.hdr.kind);
            return false;
        }
        if library_only(ev, pid, off) {
            if fingerprinted {
                let _ = LIBSTACK.insert(&key, &LIBSTACK_LIBRARY, 0);
            }
            count_filtered(ev.hdr.kind);
            return false;
        }
    }
    // Seen and sent: its code objects were copied then (a project line's
    // clock read, over and over), no look at each frame's code object.
    if known == LIBSTACK_COPIED {
        return true;
    }
    copy_new_code(ev, pid, off);
    if fingerprinted && ev.hdr.kind != kind::SAMPLE {
        let _ = LIBSTACK.insert(&key, &LIBSTACK_COPIED, 0);
    }
    true
}

/// `LIBSTACK` value of a stack of library code only.
const LIBSTACK_LIBRARY: u8 = 1;
/// `LIBSTACK` value of a stack sent with its code objects copied (a
/// library-only look may still turn it into [`LIBSTACK_LIBRARY`] once user
/// space has marked its frames).
const LIBSTACK_COPIED: u8 = 2;

/// Whether `ev` is a record of a kind nobody needs without a frame of the
/// project's code (clock reads, syscalls, sched-outs, samples: analysis
/// and reports drop those; wake-ups are kept, the timeline draws them all)
/// with a complete, non-empty stack (a truncated one is always kept).
#[inline(always)]
fn filterable(ev: &Event) -> bool {
    let k = ev.hdr.kind;
    (k == kind::CLOCK || k == kind::SYS_ENTER || k == kind::SCHED_OUT || k == kind::SAMPLE)
        && ev.nframes != 0
        && ev.hdr.flags & stackflag::TRUNCATED == 0
}

/// Whether the whole walked stack of `ev` (a [`filterable`] record) is
/// library code (`LIBRARY`), e.g. an event loop reading the clock between
/// callbacks. A stack with an unknown frame is kept.
#[inline(always)]
fn library_only(ev: &Event, pid: u32, off: &PyOffsets) -> bool {
    let mut c = LibraryCtx { ev: ev as *const Event, off: off as *const PyOffsets, pid, generation: generation(), library: 1 };
    repeat(MAX_FRAMES as u32, library_step, &mut c);
    c.library != 0
}

/// What one step of [`library_only`] reads and updates (`bpf_loop` context).
#[repr(C)]
struct LibraryCtx {
    ev: *const Event,
    off: *const PyOffsets,
    pid: u32,
    generation: u32,
    /// Cleared at the first frame not known as library code.
    library: u32,
}

/// Looks at frame `i` (see [`library_only`]); 1 ends the look.
#[inline(never)]
extern "C" fn library_step(i: u64, ctx: *mut c_void) -> i64 {
    let c = unsafe { &mut *(ctx as *mut LibraryCtx) };
    let ev = unsafe { &*c.ev };
    if i >= MAX_FRAMES as u64 || i as u32 >= ev.nframes {
        return 1;
    }
    let code = ev.frames[i as usize].code;
    if code & FRAME_SHIM_BIT != 0 {
        return 0;
    }
    let key = SeenKey { pid: c.pid, generation: c.generation, code };
    let Some(want) = (unsafe { LIBRARY.get(&key) }) else {
        c.library = 0;
        return 1;
    };
    // The address may hold another code object by now.
    let off = unsafe { &*c.off };
    let tag = code_tag(ru64(code + off.code_filename as u64), ru32(code + off.code_firstlineno as u64) as i32);
    if *want != tag {
        c.library = 0;
        return 1;
    }
    0
}

/// Frames one `walk_step` call reads. Each `bpf_loop` iteration costs
/// about 40 ns here; two frames per iteration halve that per-event cost
/// (the frame's read is one global function, checked once whatever the
/// batch).
const WALK_BATCH: usize = 2;

/// Reads frames `WALK_BATCH * i ..` of a walk (see [`walk_stack`]); 1
/// ends the walk.
#[inline(never)]
extern "C" fn walk_step(i: u64, ctx: *mut c_void) -> i64 {
    let w = unsafe { &mut *(ctx as *mut WalkCtx) };
    if i >= (MAX_FRAMES / WALK_BATCH) as u64 {
        return 1;
    }
    for k in 0..WALK_BATCH {
        if flake_read_frame(w.ev, w.off, &mut w.st, (i as usize * WALK_BATCH + k) as u32) != 0 {
            return 1;
        }
    }
    0
}

/// Reads frame `i` (at `st.frame`) into `ev.frames[i]`; 1 once the walk
/// is over. A global BPF function (see [`flake_walk_send`]): the verifier
/// checks one frame's read once, not once per frame of a step and per
/// pass over the step.
#[unsafe(no_mangle)]
#[inline(never)]
pub extern "C" fn flake_read_frame(ev: *mut Event, off: *const PyOffsets, st: *mut WalkState, i: u32) -> i64 {
    let (Some(ev), Some(off), Some(st)) = (unsafe { ev.as_mut() }, unsafe { off.as_ref() }, unsafe { st.as_mut() }) else {
        return 1;
    };
    let i = i as usize;
    let frame = st.frame;
    if frame == 0 || i >= MAX_FRAMES {
        return 1;
    }
    // Zeroed word by word (see [`zero_words`]), not by an initializer.
    let mut raw = core::mem::MaybeUninit::<[u64; 16]>::uninit();
    let buf = unsafe { &mut *raw.as_mut_ptr() };
    for k in 0..16 {
        unsafe { core::ptr::write_volatile((buf.as_mut_ptr()).add(k), 0) };
    }
    // One read per frame, as small as the frame model allows.
    let len = if off.frame_model == 1 { 80 } else { 128 };
    let ok = unsafe {
        bpf_probe_read_user_buf(
            frame as *const u8,
            core::slice::from_raw_parts_mut(buf.as_mut_ptr() as *mut u8, len),
        )
    };
    if ok.is_err() {
        // The 128-byte window may cross into an unmapped page: read the
        // three fields one by one.
        buf[((off.frame_code >> 3) & 15) as usize] = ru64(frame + off.frame_code as u64);
        buf[((off.frame_back >> 3) & 15) as usize] = ru64(frame + off.frame_back as u64);
        buf[((off.frame_instr >> 3) & 15) as usize] = ru64(frame + (off.frame_instr & !7) as u64);
        if off.frame_owner != NO_OFFSET {
            buf[((off.frame_owner >> 3) & 15) as usize] = ru64(frame + (off.frame_owner & !7) as u64);
        }
        if off.frame_globals != NO_OFFSET {
            buf[((off.frame_globals >> 3) & 15) as usize] = ru64(frame + off.frame_globals as u64);
        }
    }
    let mut code = field(buf, off.frame_code);
    let back = field(buf, off.frame_back);
    let mut instr = field(buf, off.frame_instr & !7);
    if off.frame_instr_is_int != 0 {
        instr = if off.frame_instr & 4 != 0 { instr >> 32 } else { instr & 0xffff_ffff };
    }
    if off.frame_owner != NO_OFFSET {
        let word = field(buf, off.frame_owner & !7);
        let owner = (word >> ((off.frame_owner & 7) * 8)) & 0xff;
        if owner as u32 == off.owner_cstack {
            code |= FRAME_SHIM_BIT;
        }
    }
    if st.none != 0 && code == st.none {
        code = FRAME_SHIM_BIT;
    }
    ev.frames[i].code = code;
    ev.frames[i].instr = instr;
    ev.nframes = (i + 1) as u32;
    // The module globals tell a code object from a later one at the same
    // address (a freed module's code), as `code_tag` does, without reading
    // the code object.
    let globals = if off.frame_globals != NO_OFFSET { field(buf, off.frame_globals) } else { 0 };
    st.hash = mix(mix(mix(st.hash, code), instr), globals);
    st.frame = back;
    if st.has_stops & flake_common::stop_bit(code) != 0 && i > 0 {
        let key = SeenKey { pid: st.pid, generation: 0, code };
        if unsafe { STOPCODE.get(&key) }.is_some() {
            ev.hdr.flags |= stackflag::RUNNER_CUT;
            st.frame = 0;
            return 1;
        }
    }
    (back == 0) as i64
}

/// What one step of [`copy_new_code`] needs (`bpf_loop` context).
#[repr(C)]
struct CopyCtx {
    ev: *const Event,
    off: *const PyOffsets,
    pid: u32,
    generation: u32,
}

/// Copies the names and line tables of the innermost frames' code objects
/// the first time this process shows them.
#[inline(always)]
fn copy_new_code(ev: &Event, pid: u32, off: &PyOffsets) {
    flake_copy_code(ev, pid, off);
}

/// [`copy_new_code`] as a global BPF function (see [`flake_walk_send`]):
/// the stack walk and deep mode's eval-loop probe share one verified copy.
#[unsafe(no_mangle)]
#[inline(never)]
pub extern "C" fn flake_copy_code(ev: *const Event, pid: u32, off: *const PyOffsets) -> i64 {
    if ev.is_null() || off.is_null() {
        return 0;
    }
    let mut c = CopyCtx { ev, off, pid, generation: generation() };
    repeat(CODE_COPY_FRAMES as u32, copy_step, &mut c);
    0
}

/// Copies frame `i`'s code object if it is new (see [`copy_new_code`]).
#[inline(never)]
extern "C" fn copy_step(i: u64, ctx: *mut c_void) -> i64 {
    let c = unsafe { &*(ctx as *const CopyCtx) };
    let ev = unsafe { &*c.ev };
    let off = unsafe { &*c.off };
    if i >= CODE_COPY_FRAMES as u64 || i as u32 >= ev.nframes {
        return 1;
    }
    let code = ev.frames[i as usize].code;
    if code == 0 || code & FRAME_SHIM_BIT != 0 {
        return 0;
    }
    // A freed code object's address is soon reused by another one, and
    // every module's code has co_firstlineno 1: the file name object
    // tells them apart.
    let firstlineno = ru32(code + off.code_firstlineno as u64) as i32;
    let fname = ru64(code + off.code_filename as u64);
    let tag = code_tag(fname, firstlineno);
    let key = SeenKey { pid: c.pid, generation: c.generation, code };
    if let Some(v) = unsafe { SEEN.get(&key) } {
        if *v == tag {
            return 0;
        }
    }
    let _ = SEEN.insert(&key, &tag, 0);
    emit_code(ev, code, firstlineno, off);
    0
}

#[inline(always)]
fn emit_code(ev: &Event, code: u64, firstlineno: i32, off: &PyOffsets) {
    let Some(rec) = CODESCRATCH.get_ptr_mut(scratch_slot(ev.hdr.kind)) else { return };
    let rec = unsafe { &mut *rec };
    rec.hdr = ev.hdr;
    rec.hdr.kind = kind::CODE;
    rec.hdr.size = core::mem::size_of::<CodeRecord>() as u32;
    rec.code = code;
    rec.firstlineno = firstlineno;
    // Three global functions (see [`flake_walk_send`]): each copy's
    // outcomes (empty, cut, unreadable) do not multiply the others' for
    // the verifier.
    flake_copy_filename(rec, code, off);
    flake_copy_qualname(rec, code, off);
    flake_copy_linetable(rec, code, off);
    if EVENTS.output::<CodeRecord>(&*rec, BPF_RB_NO_WAKEUP).is_err() {
        count_lost(ev.hdr.kind);
    }
}

/// Copies the tail of `code`'s file name into `rec`.
#[unsafe(no_mangle)]
#[inline(never)]
pub extern "C" fn flake_copy_filename(rec: *mut CodeRecord, code: u64, off: *const PyOffsets) -> i64 {
    let (Some(rec), Some(off)) = (unsafe { rec.as_mut() }, unsafe { off.as_ref() }) else { return 0 };
    let fname = ru64(code + off.code_filename as u64);
    rec.filename_ptr = fname;
    let (state, len, data, nbytes) = unicode_info(fname, off);
    rec.filename_state = state;
    rec.filename_len = len as u32;
    let mut n = nbytes;
    if n > CODE_FILENAME_LEN as u64 {
        n = CODE_FILENAME_LEN as u64;
    }
    let start = data + nbytes - n;
    rec.filename_copied = 0;
    if n > 0 {
        let dst = &mut rec.filename[..(n as usize)];
        if unsafe { bpf_probe_read_user_buf(start as *const u8, dst) }.is_ok() {
            rec.filename_copied = n as u32;
        }
    }
    0
}

/// Copies the head of `code`'s qualified name into `rec`.
#[unsafe(no_mangle)]
#[inline(never)]
pub extern "C" fn flake_copy_qualname(rec: *mut CodeRecord, code: u64, off: *const PyOffsets) -> i64 {
    let (Some(rec), Some(off)) = (unsafe { rec.as_mut() }, unsafe { off.as_ref() }) else { return 0 };
    let qname = ru64(code + off.code_qualname as u64);
    let (state, len, data, nbytes) = unicode_info(qname, off);
    rec.qualname_state = state;
    rec.qualname_len = len as u32;
    let mut n = nbytes;
    if n > CODE_QUALNAME_LEN as u64 {
        n = CODE_QUALNAME_LEN as u64;
    }
    rec.qualname_copied = 0;
    if n > 0 {
        let dst = &mut rec.qualname[..(n as usize)];
        if unsafe { bpf_probe_read_user_buf(data as *const u8, dst) }.is_ok() {
            rec.qualname_copied = n as u32;
        }
    }
    0
}

/// Copies `code`'s line table bytes into `rec`.
#[unsafe(no_mangle)]
#[inline(never)]
pub extern "C" fn flake_copy_linetable(rec: *mut CodeRecord, code: u64, off: *const PyOffsets) -> i64 {
    let (Some(rec), Some(off)) = (unsafe { rec.as_mut() }, unsafe { off.as_ref() }) else { return 0 };
    let table = ru64(code + off.code_linetable as u64);
    let size = if table != 0 { ru64(table + off.bytes_size as u64) } else { 0 };
    rec.linetable_len = size as u32;
    let mut n = size;
    if n > CODE_LINETABLE_LEN as u64 {
        n = CODE_LINETABLE_LEN as u64;
    }
    rec.linetable_copied = 0;
    if n > 0 {
        let dst = &mut rec.linetable[..(n as usize)];
        if unsafe { bpf_probe_read_user_buf((table + off.bytes_data as u64) as *const u8, dst) }.is_ok() {
            rec.linetable_copied = n as u32;
        }
    }
    0
}

/// (state word, length in characters, data address, data bytes) of a
/// compact PyUnicode object. The ascii bit (6) and kind bits (2..5) of
/// `state` are the same in CPython 3.8–3.13.
#[inline(always)]
fn unicode_info(obj: u64, off: &PyOffsets) -> (u32, u64, u64, u64) {
    if obj == 0 {
        return (0, 0, 0, 0);
    }
    let len = ru64(obj + off.unicode_length as u64);
    let state = ru32(obj + off.unicode_state as u64);
    let ascii = (state >> 6) & 1 == 1;
    let kind = ((state >> 2) & 7) as u64;
    let data = if ascii {
        obj + off.unicode_ascii_data as u64
    } else {
        obj + off.unicode_compact_data as u64
    };
    let width = if kind == 0 { 1 } else { kind };
    let nbytes = if len > 4096 { 4096 } else { len } * width;
    (state, len, data, nbytes)
}

/// Walks the stack and sends the event, unless it holds library code
/// only (see [`library_only`]); true when sent.
#[inline(always)]
fn send_with_stack(ev: &mut Event, pid: u32, tid: u32) -> bool {
    flake_walk_send(ev, pid, tid) != 0
}

/// [`send_with_stack`] as a global BPF function: exported (so its BTF
/// linkage is global) and never inlined, the verifier checks it once per
/// program, from its argument types alone, however many paths of the
/// program reach its call sites. Returns 1 when the record was sent.
#[unsafe(no_mangle)]
#[inline(never)]
pub extern "C" fn flake_walk_send(ev: *mut Event, pid: u32, tid: u32) -> i64 {
    // A global function's pointer argument may be null for the verifier.
    let Some(ev) = (unsafe { ev.as_mut() }) else { return 0 };
    if !walk_stack(ev, pid, tid) {
        return 0;
    }
    send_full(ev);
    1
}

// ---------------------------------------------------------------- uprobes

/// Learns where `_PyRuntime` lives in this process from the address of a
/// hit inside the interpreter binary (the load bias is page aligned).
#[inline(always)]
fn learn_runtime(ctx: &ProbeContext, site: &Site, pid: u32) {
    if site.runtime_vaddr == 0 {
        return;
    }
    if unsafe { PROCS.get(&pid) }.is_some() {
        return;
    }
    let ip = unsafe { (*ctx.regs).rip };
    let bias = ip.wrapping_sub(site.vaddr) & !0xfffu64;
    let p = ProcPy { runtime: bias.wrapping_add(site.runtime_vaddr), slot: site.slot, has_stops: 0 };
    let _ = PROCS.insert(&pid, &p, 0);
}

/// Whether the monotonic read reaching libc's `clock_gettime` (`ctx`) in
/// process `p` was made by a Python-level clock function whose build has
/// its return addresses in `CLOCKRET`: the return address at the stack
/// pointer is a helper's (whose frame depth gives where the next one is)
/// or the Python-level function's. Every slot read holds a live return
/// address, so an old value left on the stack cannot be mistaken for one.
#[inline(always)]
fn python_level_read(ctx: &ProbeContext, p: &ProcPy) -> bool {
    let Some(g) = global() else { return false };
    if (g.clock_rets >> (p.slot & 31)) & 1 == 0 || g.clock_ret_sp == NO_OFFSET {
        return false;
    }
    let mut sp = unsafe { (*ctx.regs).rsp }.wrapping_add(g.clock_ret_sp as u64);
    for _ in 0..CLOCKRET_LEVELS {
        let ret = ru64(sp);
        let key = ClockRetKey { slot: p.slot, pad: 0, rel: ret.wrapping_sub(p.runtime) as i64 };
        match unsafe { CLOCKRET.get(&key) } {
            None => return false,
            Some(&d) if d == CLOCKRET_PYTHON => return true,
            Some(&d) => sp = sp.wrapping_add(8 + (d & 0xffff) as u64),
        }
    }
    false
}

/// Whether the interpreter build of `PYOFFSETS` slot `slot` has all its
/// Python-level clock sites (`Global::clock_intents`).
#[inline(always)]
fn has_intents(slot: u32) -> bool {
    global().is_some_and(|g| (g.clock_intents >> (slot & 31)) & 1 != 0)
}

#[uprobe]
pub fn flake_uprobe(ctx: ProbeContext) -> u32 {
    let (pid, tid) = current_ids();
    if !is_traced(pid) {
        return 0;
    }
    let cookie = unsafe { bpf_get_attach_cookie(ctx.as_ptr()) } as u32;
    let Some(site) = SITES.get(cookie) else { return 0 };
    learn_runtime(&ctx, site, pid);
    // A Python-level clock call (time.monotonic, perf_counter) is reported
    // as a clock read, once the build's every such function has its site
    // (until then the libc probe reports it).
    let intent = site.kind == kind::CLOCK_INTENT;
    if intent && !has_intents(site.slot) {
        return 0;
    }
    if site.kind == kind::CLOCK {
        let clk: u64 = ctx.arg(0).unwrap_or(0);
        // CLOCK_MONOTONIC(_RAW/_COARSE), CLOCK_BOOTTIME: in a process whose
        // interpreter build has its Python-level clock functions covered,
        // a Python read is reported here when its return addresses prove
        // it one (a single trap), or was reported at its function's own
        // site; C code reading the clock on its own account (lock
        // deadlines, buffered I/O) is not reported.
        let monotonic = clk == 1 || clk == 4 || clk == 6 || clk == 7;
        if monotonic {
            if let Some(p) = unsafe { PROCS.get(&pid) } {
                if has_intents(p.slot) && !python_level_read(&ctx, p) {
                    return 0;
                }
            }
        }
    }
    let Some(ev) = begin(if intent { kind::CLOCK } else { site.kind }, pid, tid) else { return 0 };
    // The kinds that report a stack walk it at one place below: the
    // verifier goes through every copy of the walk a program holds, at
    // every start-up.
    let walk = match site.kind {
        kind::CLOCK_INTENT => {
            ev.a[0] = site.arg;
            ev.a[1] = flake_common::clockfn::CLOCK_GETTIME;
            true
        }
        kind::CLOCK => {
            ev.a[0] = ctx.arg::<u64>(0).unwrap_or(0);
            ev.a[1] = site.arg;
            true
        }
        kind::ENV => {
            ev.a[0] = site.arg;
            let name: u64 = ctx.arg(0).unwrap_or(0);
            let value: u64 = ctx.arg(1).unwrap_or(0);
            if name != 0 {
                let _ = unsafe { bpf_probe_read_user_str_bytes(name as *const u8, &mut ev.payload[..128]) };
            }
            if site.arg == flake_common::envop::SETENV && value != 0 {
                let _ = unsafe { bpf_probe_read_user_str_bytes(value as *const u8, &mut ev.payload[128..PAYLOAD_LEN]) };
            }
            ev.payload_len = PAYLOAD_LEN as u32;
            true
        }
        kind::RANDOM => {
            ev.a[0] = site.arg;
            true
        }
        kind::GIL => {
            ev.a[0] = site.arg;
            if site.arg == 1 {
                // PyEval_RestoreThread(tstate): the caller's own thread state.
                let ts: u64 = ctx.arg(0).unwrap_or(0);
                if ts != 0 {
                    let _ = TSTATE.insert(&tid, &ts, 0);
                }
            }
            // Only hand-offs around a real block are reported: most GIL
            // releases (every I/O call) come back without waiting.
            if unsafe { BLOCKED.get(&tid) }.is_some() {
                let _ = BLOCKED.remove(&tid);
                send_small(ev);
            }
            false
        }
        kind::PYCALL => {
            // Deep mode: _PyEval_EvalFrameDefault(..., frame, ...); site.arg
            // is the index of the frame argument.
            // Both registers are loaded directly (the verifier refuses a
            // computed context offset), then one is chosen.
            let rdi = unsafe { core::ptr::read_volatile(&(*ctx.regs).rdi) };
            let rsi = unsafe { core::ptr::read_volatile(&(*ctx.regs).rsi) };
            let frame: u64 = if site.arg == 0 { rdi } else { rsi };
            if let Some(proc_) = unsafe { PROCS.get(&pid) } {
                if let Some(off) = PYOFFSETS.get(proc_.slot) {
                    ev.hdr.flags |= ((proc_.slot + 1) << stackflag::SLOT_SHIFT) & stackflag::SLOT_MASK;
                    let code = ru64(frame + off.frame_code as u64);
                    ev.a[0] = code;
                    ev.frames[0].code = code;
                    ev.frames[0].instr = 0;
                    ev.nframes = 1;
                    copy_new_code(ev, pid, off);
                    ev.nframes = 0;
                }
            }
            send_small(ev);
            false
        }
        _ => false,
    };
    if walk {
        let _ = send_with_stack(ev, pid, tid);
    }
    0
}

#[uretprobe]
pub fn flake_uretprobe(_ctx: RetProbeContext) -> u32 {
    let (pid, tid) = current_ids();
    if !is_traced(pid) {
        return 0;
    }
    let Some(ev) = begin(kind::PYCALL, pid, tid) else { return 0 };
    ev.a[1] = 1;
    send_small(ev);
    0
}

// ------------------------------------------------------------- syscalls

#[inline(always)]
fn regs_arg(regs: u64, n: u32) -> u64 {
    // x86_64 pt_regs: di 112, si 104, dx 96, r10 56, r8 72, r9 64.
    let off = match n {
        0 => 112,
        1 => 104,
        2 => 96,
        3 => 56,
        4 => 72,
        _ => 64,
    };
    unsafe { bpf_probe_read_kernel((regs + off) as *const u64).unwrap_or(0) }
}

#[raw_tracepoint(tracepoint = "sys_enter")]
pub fn flake_sys_enter(ctx: RawTracePointContext) -> i32 {
    let (pid, tid) = current_ids();
    if !is_traced(pid) {
        return 0;
    }
    let nr: u64 = ctx.arg(1);
    if nr >= SYSCALL_TABLE_LEN as u64 {
        return 0;
    }
    let Some(spec) = SYSCALLS.get(nr as u32) else { return 0 };
    if spec.flags & flake_common::sysflag::REPORT == 0 {
        return 0;
    }
    let regs: u64 = ctx.arg(0);
    let Some(ev) = begin(kind::SYS_ENTER, pid, tid) else { return 0 };
    ev.a[0] = nr;
    for i in 0..6u32 {
        ev.a[(i + 1) as usize] = regs_arg(regs, i);
    }
    if spec.str1 != 0 && spec.str1 <= 6 {
        let p = ev.a[spec.str1 as usize & 7];
        if p != 0 {
            let _ = unsafe { bpf_probe_read_user_str_bytes(p as *const u8, &mut ev.payload[..256]) };
            ev.payload_len = 256;
        }
    }
    if spec.str2 != 0 && spec.str2 <= 6 {
        let p = ev.a[spec.str2 as usize & 7];
        if p != 0 {
            let _ = unsafe { bpf_probe_read_user_str_bytes(p as *const u8, &mut ev.payload[256..PAYLOAD_LEN]) };
            ev.payload_len = PAYLOAD_LEN as u32;
        }
    }
    if spec.buf != 0 && spec.buf <= 6 {
        let p = ev.a[spec.buf as usize & 7];
        let n = (spec.buf_len as usize) & 127;
        if p != 0 && n > 0 {
            if unsafe { bpf_probe_read_user_buf(p as *const u8, &mut ev.payload[..n]) }.is_ok() {
                ev.payload_len = n as u32;
            }
        }
    }
    let exit = spec.flags & flake_common::sysflag::EXIT != 0;
    if exit {
        let st = SysState { nr, ts: ev.hdr.ts, stack_flags: 0 };
        let _ = SYSENTER.insert(&tid, &st, 0);
    }
    if spec.flags & flake_common::sysflag::STACK != 0 {
        let sent = send_with_stack(ev, pid, tid);
        // Leaving the CPU during this syscall reuses this stack (or, when
        // the entry was not sent, sends nothing).
        if exit && (ev.nframes > 0 || !sent) {
            if let Some(st) = SYSENTER.get_ptr_mut(&tid) {
                let flags = if sent { (ev.hdr.flags | stackflag::SYSCALL_STACK) as u64 } else { SYSCALL_FILTERED };
                unsafe { (*st).stack_flags = flags };
            }
        }
    } else {
        send_full(ev);
    }
    0
}

#[raw_tracepoint(tracepoint = "sys_exit")]
pub fn flake_sys_exit(ctx: RawTracePointContext) -> i32 {
    let (pid, tid) = current_ids();
    if !is_traced(pid) {
        return 0;
    }
    let Some(st) = (unsafe { SYSENTER.get(&tid) }) else { return 0 };
    let st = *st;
    let _ = SYSENTER.remove(&tid);
    if st.stack_flags == SYSCALL_FILTERED {
        count_filtered(kind::SYS_EXIT);
        return 0;
    }
    let ret: i64 = ctx.arg(1);
    let Some(ev) = begin(kind::SYS_EXIT, pid, tid) else { return 0 };
    ev.a[0] = st.nr;
    ev.a[1] = ret as u64;
    ev.a[2] = ev.hdr.ts.wrapping_sub(st.ts);
    send_small(ev);
    0
}

// ------------------------------------------------------------ scheduling

#[inline(always)]
fn task_ids(g: &Global, task: u64) -> (u32, u32) {
    (rk32(task + g.task_tgid as u64), rk32(task + g.task_pid as u64))
}

/// sched_switch(preempt, prev, next, prev_state) runs in prev's context.
#[raw_tracepoint(tracepoint = "sched_switch")]
pub fn flake_sched_switch(ctx: RawTracePointContext) -> i32 {
    let Some(g) = global() else { return 0 };
    let preempt: u64 = ctx.arg(0);
    let next: u64 = ctx.arg(2);
    let prev_state: u64 = ctx.arg(3);
    let (pid, tid) = current_ids();
    let now = unsafe { bpf_ktime_get_ns() };
    if pid != 0 && is_traced(pid) {
        let st = SysState { nr: preempt & 1, ts: now, stack_flags: 0 };
        let _ = OFFCPU.insert(&tid, &st, 0);
        if preempt & 1 == 0 && prev_state & 0xff != 0 {
            let one = 1u8;
            let _ = BLOCKED.insert(&tid, &one, 0);
        }
        if let Some(ev) = begin(kind::SCHED_OUT, pid, tid) {
            ev.a[0] = preempt & 1;
            ev.a[1] = prev_state;
            if g.stack_at_switch != 0 {
                // Inside a syscall whose entry record has the stack: no
                // second walk of the same stack.
                let shared = unsafe { SYSENTER.get(&tid) }.filter(|st| st.stack_flags != 0).map(|st| (st.stack_flags, st.ts));
                match shared {
                    Some((SYSCALL_FILTERED, _)) => count_filtered(kind::SCHED_OUT),
                    Some((flags, ts)) => {
                        ev.hdr.flags = flags as u32;
                        ev.a[2] = ts;
                        send_small(ev);
                    }
                    None => {
                        let _ = send_with_stack(ev, pid, tid);
                    }
                }
            } else {
                send_small(ev);
            }
        }
    }
    let (npid, ntid) = task_ids(g, next);
    if npid != 0 && is_traced(npid) {
        if let Some(st) = unsafe { OFFCPU.get(&ntid) } {
            let st = *st;
            let _ = OFFCPU.remove(&ntid);
            let off_ns = now.wrapping_sub(st.ts);
            if off_ns >= g.min_offcpu_ns {
                if let Some(ev) = begin(kind::SCHED_IN, npid, ntid) {
                    ev.a[0] = off_ns;
                    ev.a[1] = st.nr;
                    send_small(ev);
                }
            }
        }
    }
    0
}

/// sched_waking(p) runs in the waker's context (unlike sched_wakeup,
/// which a remote wakeup fires on the wakee's CPU).
#[raw_tracepoint(tracepoint = "sched_waking")]
pub fn flake_sched_wakeup(ctx: RawTracePointContext) -> i32 {
    let (pid, tid) = current_ids();
    if !is_traced(pid) {
        return 0;
    }
    let Some(g) = global() else { return 0 };
    let p: u64 = ctx.arg(0);
    let (wpid, wtid) = task_ids(g, p);
    if wtid == tid || !is_traced(wpid) {
        return 0;
    }
    let Some(ev) = begin(kind::WAKEUP, pid, tid) else { return 0 };
    ev.a[0] = wtid as u64;
    ev.a[1] = wpid as u64;
    let _ = send_with_stack(ev, pid, tid);
    0
}

// --------------------------------------------------------------- processes

/// sched_process_fork(parent, child) runs in the parent's context.
#[raw_tracepoint(tracepoint = "sched_process_fork")]
pub fn flake_fork(ctx: RawTracePointContext) -> i32 {
    let (pid, tid) = current_ids();
    if !is_traced(pid) {
        return 0;
    }
    let Some(g) = global() else { return 0 };
    let child: u64 = ctx.arg(1);
    let (ctgid, cpid) = task_ids(g, child);
    if ctgid == cpid {
        let one = 1u32;
        let _ = TRACED.insert(&cpid, &one, 0);
        // A forked child shares the parent's address space layout.
        if let Some(p) = unsafe { PROCS.get(&pid) } {
            let p = *p;
            let _ = PROCS.insert(&cpid, &p, 0);
        }
    }
    let Some(ev) = begin(kind::FORK, pid, tid) else { return 0 };
    ev.a[0] = cpid as u64;
    ev.a[1] = ctgid as u64;
    send_small(ev);
    0
}

/// sched_process_exec(p, old_pid, bprm) runs in the new image.
#[raw_tracepoint(tracepoint = "sched_process_exec")]
pub fn flake_exec(ctx: RawTracePointContext) -> i32 {
    let (pid, tid) = current_ids();
    if !is_traced(pid) {
        return 0;
    }
    let Some(g) = global() else { return 0 };
    let _ = PROCS.remove(&pid);
    // The syscall in progress (execve) no longer has the old image's stack.
    if let Some(st) = SYSENTER.get_ptr_mut(&tid) {
        unsafe { (*st).stack_flags = 0 };
    }
    let bprm: u64 = ctx.arg(2);
    let Some(ev) = begin(kind::EXEC, pid, tid) else { return 0 };
    let fname = unsafe { bpf_probe_read_kernel((bprm + g.bprm_filename as u64) as *const u64).unwrap_or(0) };
    if fname != 0 {
        if let Ok(s) = unsafe { bpf_probe_read_kernel_str_bytes(fname as *const u8, &mut ev.payload[..256]) } {
            ev.payload_len = s.len() as u32;
        }
    }
    ev.payload_len = 256;
    send_full(ev);
    0
}

/// sched_process_exit(p, ...) runs in the exiting task.
#[raw_tracepoint(tracepoint = "sched_process_exit")]
pub fn flake_exit(_ctx: RawTracePointContext) -> i32 {
    let (pid, tid) = current_ids();
    let _ = TSTATE.remove(&tid);
    let _ = SYSENTER.remove(&tid);
    let _ = OFFCPU.remove(&tid);
    if !is_traced(pid) {
        return 0;
    }
    let Some(g) = global() else { return 0 };
    let task = unsafe { bpf_get_current_task() };
    let code = rk32(task + g.task_exit_code as u64);
    if pid == tid {
        let _ = PROCS.remove(&pid);
    }
    let Some(ev) = begin(kind::EXIT, pid, tid) else { return 0 };
    ev.a[0] = code as u64;
    send_small(ev);
    0
}

// ---------------------------------------------------------------- sampling

#[perf_event]
pub fn flake_sample(_ctx: PerfEventContext) -> u32 {
    let (pid, tid) = current_ids();
    if pid == 0 || !is_traced(pid) {
        return 0;
    }
    let Some(ev) = begin(kind::SAMPLE, pid, tid) else { return 0 };
    let _ = send_with_stack(ev, pid, tid);
    0
}

#[cfg(not(test))]
#[panic_handler]
fn panic(_info: &core::panic::PanicInfo) -> ! {
    loop {}
}

#[unsafe(link_section = "license")]
#[unsafe(no_mangle)]
static LICENSE: [u8; 13] = *b"Dual MIT/GPL\0";
