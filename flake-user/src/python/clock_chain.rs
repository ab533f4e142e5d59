//! Telling, at libc's `clock_gettime`, a read made by a Python-level clock
//! function (`time.monotonic` and the others of
//! [`super::python_clock_functions`]) from one C code makes for itself
//! (lock deadlines, `epoll` timeouts), by the return addresses on the
//! native stack, so that such a read costs one uprobe trap instead of two
//! (one at the Python-level function, one at libc).
//!
//! For each Python-level function this follows its direct calls (through
//! PLT stubs too) down to `clock_gettime`, at most [`MAX_LEVELS`] calls
//! deep, and computes for each call on the way the stack depth of the
//! calling function at that call (pushes and `sub rsp` since its entry,
//! along every path of its control flow). At the libc probe the return
//! address at the stack pointer is looked up: a helper's return address
//! gives the depth of the helper's frame, hence where the next return
//! address is; a return address inside a Python-level function ends the
//! look with "Python-level read". Each slot read is a live return address,
//! never a stale stack word, so the look cannot be fooled by old values.
//! A function whose chain cannot be proven this way (an indirect jump, a
//! frame pointer set-up, a tail call into the chain, a call through a
//! register) is not covered, and keeps its own uprobe site.

use std::collections::HashMap;

use iced_x86::{Decoder, DecoderOptions, FlowControl, Instruction, Mnemonic, OpKind, Register};

use super::elf::ElfSymbols;

/// How many calls deep the chain from a Python-level function to
/// `clock_gettime` may be.
pub const MAX_LEVELS: usize = 4;
/// The largest function body followed.
const MAX_FUNCTION_BYTES: u64 = 4096;

/// The return addresses that prove a Python-level clock read, for one
/// interpreter binary (link-time addresses).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ClockChains {
    /// Return addresses inside a Python-level clock function, with the
    /// clock id that function reads.
    pub intent_rets: Vec<(u64, u64)>,
    /// Return addresses inside a helper between those functions and
    /// `clock_gettime`, with the helper's stack depth at that call (bytes
    /// below its own return address).
    pub helper_rets: Vec<(u64, u32)>,
    /// The Python-level functions whose every read is recognised so.
    pub covered: Vec<String>,
}

/// What a function's calls lead to.
#[derive(Clone, Debug, Default)]
struct Reach {
    /// Some path calls (or tail-calls) `clock_gettime`.
    reaches: bool,
    /// Calls in this function (and in the functions it tail-calls) that
    /// reach `clock_gettime`: (return address, depth at the call).
    calls: Vec<(u64, u32)>,
    /// Calls in the functions below (helpers' helpers), already final.
    below: Vec<(u64, u32)>,
}

/// Where a call or jump goes.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Target {
    Clock,
    Function(u64),
    Other,
}

/// Finds the chains of `functions` (name, clock id) in `elf`.
pub fn analyze(elf: &ElfSymbols, functions: &[(&str, u64)]) -> ClockChains {
    let got = elf.got_names();
    let mut memo: HashMap<u64, Option<Reach>> = HashMap::new();
    let mut out = ClockChains::default();
    for &(name, clock) in functions {
        let Some(sym) = elf.lookup(name) else { continue };
        let Some(flow) = frame_flow(elf, &got, sym.vaddr, sym.size) else { continue };
        // The function's own tail calls into the chain leave no return
        // address in it: not covered.
        let mut intent = Vec::new();
        let mut helpers = Vec::new();
        let mut ok = true;
        for step in &flow {
            let r = match &step.target {
                Target::Clock => Some(Reach { reaches: true, ..Reach::default() }),
                Target::Function(f) => explore(elf, &got, *f, 1, &mut memo),
                Target::Other => Some(Reach::default()),
            };
            let Some(r) = r else {
                ok = false;
                break;
            };
            if !r.reaches {
                continue;
            }
            match step.ret {
                Some(ret) => {
                    intent.push((ret, clock));
                    helpers.extend(r.calls.iter().copied());
                    helpers.extend(r.below.iter().copied());
                }
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok && !intent.is_empty() {
            out.intent_rets.extend(intent);
            for h in helpers {
                if !out.helper_rets.contains(&h) {
                    out.helper_rets.push(h);
                }
            }
            out.covered.push(name.to_string());
        }
    }
    // A return address is either a helper's or a Python-level function's.
    let clash = out.helper_rets.iter().any(|(r, _)| out.intent_rets.iter().any(|(i, _)| i == r));
    let depths_differ = out.helper_rets.iter().any(|(r, d)| out.helper_rets.iter().any(|(r2, d2)| r == r2 && d != d2));
    if clash || depths_differ {
        return ClockChains::default();
    }
    out
}

/// What the function at `vaddr` leads to, `level` calls below a
/// Python-level function; `None` when it cannot be proven.
fn explore(
    elf: &ElfSymbols,
    got: &HashMap<u64, String>,
    vaddr: u64,
    level: usize,
    memo: &mut HashMap<u64, Option<Reach>>,
) -> Option<Reach> {
    if let Some(r) = memo.get(&vaddr) {
        return r.clone();
    }
    if level > MAX_LEVELS {
        return Some(Reach::default());
    }
    // Cycles end here (a function is not its own helper).
    memo.insert(vaddr, Some(Reach::default()));
    let r = (|| {
        let target = resolve(elf, got, vaddr);
        match target {
            Target::Clock => return Some(Reach { reaches: true, ..Reach::default() }),
            Target::Other => return Some(Reach::default()),
            Target::Function(f) if f != vaddr => return explore(elf, got, f, level, memo),
            Target::Function(_) => {}
        }
        let sym = elf.symbol_at(vaddr).filter(|s| s.vaddr == vaddr)?;
        let Some(flow) = frame_flow(elf, got, vaddr, sym.size) else {
            // Depths not known here (a frame pointer, a jump table: error
            // paths and allocators): fine as long as no call in it leads
            // to the clock at all.
            let mut seen = Vec::new();
            return (!calls_clock(elf, got, vaddr, level, &mut seen)).then(Reach::default);
        };
        let mut out = Reach::default();
        for step in flow {
            let r = match step.target {
                Target::Clock => Reach { reaches: true, ..Reach::default() },
                Target::Function(f) => explore(elf, got, f, level + 1, memo)?,
                Target::Other => Reach::default(),
            };
            if !r.reaches {
                continue;
            }
            out.reaches = true;
            match step.ret {
                Some(ret) => {
                    out.calls.push((ret, step.depth));
                    out.below.extend(r.calls);
                    out.below.extend(r.below);
                }
                // A tail call with the frame gone: the callee's calls are
                // made with this function's return address above them.
                None if step.depth == 0 => {
                    out.calls.extend(r.calls);
                    out.below.extend(r.below);
                }
                None => return None,
            }
        }
        Some(out)
    })();
    memo.insert(vaddr, r.clone());
    r
}

/// Whether any call or jump of the function at `vaddr`, or of those it
/// calls (down to [`MAX_LEVELS`]), goes to `clock_gettime`, whatever the
/// path: the conservative answer for a function [`frame_flow`] cannot
/// follow.
fn calls_clock(elf: &ElfSymbols, got: &HashMap<u64, String>, vaddr: u64, level: usize, seen: &mut Vec<u64>) -> bool {
    if level > MAX_LEVELS || seen.contains(&vaddr) {
        return false;
    }
    seen.push(vaddr);
    let f = match resolve(elf, got, vaddr) {
        Target::Clock => return true,
        Target::Other => return false,
        Target::Function(f) => f,
    };
    let Some(sym) = elf.symbol_at(f).filter(|s| s.vaddr == f) else { return false };
    let Some(code) = elf.read_vaddr(f, sym.size.min(MAX_FUNCTION_BYTES * 4) as usize) else { return true };
    let mut dec = Decoder::with_ip(64, &code, f, DecoderOptions::NONE);
    let mut ins = Instruction::default();
    while dec.can_decode() {
        dec.decode_out(&mut ins);
        let branch = matches!(
            ins.flow_control(),
            FlowControl::Call | FlowControl::IndirectCall | FlowControl::UnconditionalBranch | FlowControl::ConditionalBranch | FlowControl::IndirectBranch
        );
        if !branch {
            continue;
        }
        let t = if ins.is_ip_rel_memory_operand() {
            named(elf, got, ins.ip_rel_memory_address())
        } else if matches!(ins.op0_kind(), OpKind::NearBranch64 | OpKind::NearBranch32 | OpKind::NearBranch16) {
            let t = ins.near_branch_target();
            if (f..f + sym.size).contains(&t) {
                continue;
            }
            Target::Function(t)
        } else {
            continue;
        };
        match t {
            Target::Clock => return true,
            Target::Function(t) if calls_clock(elf, got, t, level + 1, seen) => return true,
            _ => {}
        }
    }
    false
}

/// Where a call to `vaddr` lands: a PLT stub is followed to the function
/// its GOT slot names.
fn resolve(elf: &ElfSymbols, got: &HashMap<u64, String>, vaddr: u64) -> Target {
    if let Some(sym) = elf.symbol_at(vaddr) {
        if sym.vaddr == vaddr && sym.is_function {
            return if is_clock_name(&sym.name) {
                Target::Clock
            } else if is_clock_helper(&sym.name) {
                Target::Function(vaddr)
            } else {
                Target::Other
            };
        }
    }
    // A PLT stub: [endbr64;] [bnd] jmp [rip+slot].
    let Some(code) = elf.read_vaddr(vaddr, 16) else { return Target::Other };
    let mut dec = Decoder::with_ip(64, &code, vaddr, DecoderOptions::NONE);
    for _ in 0..2 {
        let ins = dec.decode();
        if ins.mnemonic() == Mnemonic::Endbr64 {
            continue;
        }
        if ins.mnemonic() == Mnemonic::Jmp && ins.is_ip_rel_memory_operand() {
            return named(elf, got, ins.ip_rel_memory_address());
        }
        break;
    }
    Target::Other
}

/// The function a GOT slot is bound to.
fn named(elf: &ElfSymbols, got: &HashMap<u64, String>, slot: u64) -> Target {
    let Some(name) = got.get(&slot) else { return Target::Other };
    let base = name.split('@').next().unwrap_or(name);
    if is_clock_name(base) {
        return Target::Clock;
    }
    match elf.lookup(base) {
        Some(s) if s.is_function && !s.is_ifunc && is_clock_helper(base) => Target::Function(s.vaddr),
        _ => Target::Other,
    }
}

/// Whether a function may be one of the interpreter's clock helpers
/// (`_PyTime_GetMonotonicClockWithInfo`, `PyTime_Monotonic`,
/// `pymonotonic`...). Only those are followed: a read made further down
/// another callee (an allocation's garbage collection timing itself) is
/// C code's own, never a Python-level read.
fn is_clock_helper(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.contains("time") || n.contains("monotonic") || n.contains("perfcounter") || n.contains("perf_counter")
}

fn is_clock_name(name: &str) -> bool {
    matches!(name, "clock_gettime" | "__clock_gettime" | "__clock_gettime64" | "clock_gettime64")
}

/// One call or tail call of a function, with the function's stack depth there.
#[derive(Clone, Debug)]
struct Step {
    /// The return address (None: a tail call, nothing is pushed).
    ret: Option<u64>,
    depth: u32,
    target: Target,
}

/// The calls and tail calls of the function at `vaddr` (`size` bytes),
/// with the stack depth at each, following every path; `None` when the
/// depth cannot be known (an instruction that sets `rsp` otherwise than
/// by push, pop, `sub`/`add` of a constant; an indirect jump; two paths
/// meeting with different depths).
fn frame_flow(elf: &ElfSymbols, got: &HashMap<u64, String>, vaddr: u64, size: u64) -> Option<Vec<Step>> {
    if size == 0 || size > MAX_FUNCTION_BYTES {
        return None;
    }
    let code = elf.read_vaddr(vaddr, size as usize)?;
    flow_of(&code, vaddr, |t| call_target(elf, got, t))
}

fn call_target(elf: &ElfSymbols, got: &HashMap<u64, String>, ins: &Instruction) -> Target {
    if ins.is_ip_rel_memory_operand() {
        return named(elf, got, ins.ip_rel_memory_address());
    }
    match ins.op0_kind() {
        OpKind::NearBranch64 | OpKind::NearBranch32 | OpKind::NearBranch16 => {
            let t = ins.near_branch_target();
            match resolve(elf, got, t) {
                Target::Function(_) => Target::Function(t),
                other => other,
            }
        }
        _ => Target::Other,
    }
}

/// [`frame_flow`] over `code` at link-time address `ip`, with `target`
/// telling where a call or an outside jump goes.
fn flow_of(code: &[u8], ip: u64, target: impl Fn(&Instruction) -> Target) -> Option<Vec<Step>> {
    let end = ip + code.len() as u64;
    let decode = |at: u64| -> Option<Instruction> {
        if at < ip || at >= end {
            return None;
        }
        let mut d = Decoder::with_ip(64, &code[(at - ip) as usize..], at, DecoderOptions::NONE);
        let ins = d.decode();
        (!ins.is_invalid()).then_some(ins)
    };
    let mut seen: HashMap<u64, u32> = HashMap::new();
    let mut work = vec![(ip, 0u32)];
    let mut steps = Vec::new();
    let mut visits = 0;
    while let Some((mut at, mut depth)) = work.pop() {
        loop {
            visits += 1;
            if visits > 4096 {
                return None;
            }
            if at == end {
                // Past the last instruction: after a call that does not
                // return (`Py_FatalError`).
                break;
            }
            match seen.get(&at) {
                Some(&d) if d == depth => break,
                Some(_) => return None,
                None => {
                    seen.insert(at, depth);
                }
            }
            let ins = decode(at)?;
            let next = ins.next_ip();
            match ins.mnemonic() {
                Mnemonic::Push => depth = depth.checked_add(8)?,
                Mnemonic::Pop => {
                    if ins.op0_register() == Register::RSP {
                        return None;
                    }
                    depth = depth.checked_sub(8)?
                }
                Mnemonic::Sub | Mnemonic::Add if ins.op0_register() == Register::RSP => {
                    let imm = match ins.op1_kind() {
                        OpKind::Immediate8to64 | OpKind::Immediate32to64 | OpKind::Immediate8 | OpKind::Immediate32 => {
                            ins.immediate(1) as i64
                        }
                        _ => return None,
                    };
                    let d = if ins.mnemonic() == Mnemonic::Sub { depth as i64 + imm } else { depth as i64 - imm };
                    depth = u32::try_from(d).ok()?;
                }
                _ => {
                    if writes_rsp(&ins) {
                        return None;
                    }
                }
            }
            match ins.flow_control() {
                FlowControl::Next => at = next,
                FlowControl::Call => {
                    steps.push(Step { ret: Some(next), depth, target: target(&ins) });
                    at = next;
                }
                FlowControl::IndirectCall => {
                    // A call through a register: not followed (a chain
                    // through it is not proven, so it is not covered).
                    if !ins.is_ip_rel_memory_operand() {
                        steps.push(Step { ret: Some(next), depth, target: Target::Other });
                    } else {
                        steps.push(Step { ret: Some(next), depth, target: target(&ins) });
                    }
                    at = next;
                }
                FlowControl::Return | FlowControl::Interrupt | FlowControl::Exception => break,
                FlowControl::UnconditionalBranch => {
                    let t = ins.near_branch_target();
                    if (ip..end).contains(&t) {
                        at = t;
                    } else {
                        steps.push(Step { ret: None, depth, target: target(&ins) });
                        break;
                    }
                }
                FlowControl::ConditionalBranch => {
                    let t = ins.near_branch_target();
                    if (ip..end).contains(&t) {
                        work.push((t, depth));
                    } else {
                        steps.push(Step { ret: None, depth, target: target(&ins) });
                    }
                    at = next;
                }
                FlowControl::IndirectBranch => {
                    if ins.is_ip_rel_memory_operand() {
                        steps.push(Step { ret: None, depth, target: target(&ins) });
                        break;
                    }
                    return None;
                }
                FlowControl::XbeginXabortXend => return None,
            }
        }
    }
    Some(steps)
}

/// Whether `ins` changes `rsp` in a way [`flow_of`] does not follow.
fn writes_rsp(ins: &Instruction) -> bool {
    match ins.mnemonic() {
        Mnemonic::Call | Mnemonic::Ret | Mnemonic::Jmp => return false,
        Mnemonic::Leave | Mnemonic::Enter => return true,
        _ => {}
    }
    if ins.op_count() > 0 && ins.op0_kind() == OpKind::Register && ins.op0_register() == Register::RSP {
        // mov/lea/and/xchg rsp, ...: written (cmp/test only read it).
        return !matches!(ins.mnemonic(), Mnemonic::Cmp | Mnemonic::Test);
    }
    false
}

/// The stack depth reached at `upto` by the straight-line instructions of
/// `code` (at link-time address `ip`) before it: where a uprobe placed
/// there finds the caller's return address (`rsp + depth`). `None` when
/// an instruction before it branches or sets `rsp` otherwise.
pub fn straight_depth(code: &[u8], ip: u64, upto: u64) -> Option<u32> {
    let mut dec = Decoder::with_ip(64, code, ip, DecoderOptions::NONE);
    let mut ins = Instruction::default();
    let mut depth: i64 = 0;
    while dec.ip() < upto {
        if !dec.can_decode() {
            return None;
        }
        dec.decode_out(&mut ins);
        if ins.is_invalid() || ins.flow_control() != FlowControl::Next {
            return None;
        }
        match ins.mnemonic() {
            Mnemonic::Push => depth += 8,
            Mnemonic::Pop if ins.op0_register() != Register::RSP => depth -= 8,
            Mnemonic::Sub | Mnemonic::Add if ins.op0_register() == Register::RSP => {
                if !matches!(ins.op1_kind(), OpKind::Immediate8to64 | OpKind::Immediate32to64) {
                    return None;
                }
                let imm = ins.immediate(1) as i64;
                depth += if ins.mnemonic() == Mnemonic::Sub { imm } else { -imm };
            }
            _ if writes_rsp(&ins) => return None,
            _ => {}
        }
    }
    (dec.ip() == upto).then_some(u32::try_from(depth).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps(code: &[u8]) -> Option<Vec<(Option<u64>, u32, Target)>> {
        // Calls to 0x9000 read the clock; others go elsewhere.
        flow_of(code, 0x1000, |ins| {
            if ins.near_branch_target() == 0x9000 {
                Target::Clock
            } else {
                Target::Other
            }
        })
        .map(|v| v.into_iter().map(|s| (s.ret, s.depth, s.target)).collect())
    }

    fn call_to(from_next: u64, to: u64) -> [u8; 5] {
        let rel = (to as i64 - from_next as i64) as i32;
        let b = rel.to_le_bytes();
        [0xe8, b[0], b[1], b[2], b[3]]
    }

    #[test]
    fn depth_counts_pushes_and_sub() {
        // push r12; push rbp; push rbx; sub rsp,0x20; call clock; add rsp,0x20; pop*3; ret
        let mut code = vec![0x41, 0x54, 0x55, 0x53, 0x48, 0x83, 0xec, 0x20];
        let at = 0x1000 + code.len() as u64;
        code.extend(call_to(at + 5, 0x9000));
        code.extend([0x48, 0x83, 0xc4, 0x20, 0x5b, 0x5d, 0x41, 0x5c, 0xc3]);
        let s = steps(&code).unwrap();
        assert_eq!(s, vec![(Some(at + 5), 56, Target::Clock)]);
    }

    #[test]
    fn both_paths_of_a_branch_are_followed() {
        // sub rsp,8; test edi,edi; je L; call other; L: call clock; add rsp,8; ret
        let mut code = vec![0x48, 0x83, 0xec, 0x08, 0x85, 0xff, 0x74, 0x05];
        code.extend(call_to(0x1000 + 13, 0x7000));
        code.extend(call_to(0x1000 + 18, 0x9000));
        code.extend([0x48, 0x83, 0xc4, 0x08, 0xc3]);
        let s = steps(&code).unwrap();
        assert!(s.contains(&(Some(0x1000 + 18), 8, Target::Clock)));
        assert!(s.contains(&(Some(0x1000 + 13), 8, Target::Other)));
    }

    #[test]
    fn tail_call_has_no_return_address() {
        // jmp clock
        let rel = (0x9000i64 - 0x1005) as i32;
        let mut code = vec![0xe9];
        code.extend(rel.to_le_bytes());
        assert_eq!(steps(&code).unwrap(), vec![(None, 0, Target::Clock)]);
    }

    #[test]
    fn frame_pointer_and_indirect_jumps_are_not_followed() {
        // push rbp; mov rbp,rsp; ... leave; ret
        assert!(steps(&[0x55, 0x48, 0x89, 0xe5, 0xc9, 0xc3]).is_none());
        // jmp rax
        assert!(steps(&[0xff, 0xe0]).is_none());
        // mov rsp, rbp
        assert!(steps(&[0x48, 0x89, 0xec, 0xc3]).is_none());
    }

    #[test]
    fn paths_meeting_with_different_depths_are_refused() {
        // test edi,edi; je L; push rbx; L: ret
        assert!(steps(&[0x85, 0xff, 0x74, 0x01, 0x53, 0xc3]).is_none());
    }

    /// The pyenv builds of this machine, when present: every Python-level
    /// clock function is covered through `_PyTime_*` / `PyTime_*` helpers.
    #[test]
    fn pyenv_builds_are_covered() {
        for v in ["3.8.18", "3.9.18", "3.10.13", "3.11.7", "3.12.1", "3.13.0"] {
            let minor = &v[..v.rfind('.').unwrap()];
            let path = format!("/root/.pyenv/versions/{v}/lib/libpython{minor}.so.1.0");
            let Ok(elf) = ElfSymbols::open(std::path::Path::new(&path)) else { continue };
            let c = analyze(&elf, super::super::python_clock_functions());
            assert_eq!(c.covered.len(), 4, "{v}: {c:?}");
            assert!(!c.helper_rets.is_empty() || c.intent_rets.len() >= 4, "{v}: {c:?}");
        }
    }

    #[test]
    fn straight_depth_before_a_site() {
        // glibc 2.36 clock_gettime: mov rax,[rip+x]; mov rax,[rax+0x2e0]; test rax,rax; je
        let code = [0x48, 0x8b, 0x05, 0x71, 0x3a, 0x10, 0x00, 0x48, 0x8b, 0x80, 0xe0, 0x02, 0, 0, 0x48, 0x85, 0xc0, 0x74, 0x15];
        assert_eq!(straight_depth(&code, 0x1000, 0x1000 + 17), Some(0));
        // push rbx; sub rsp,0x10; je
        let code = [0x53, 0x48, 0x83, 0xec, 0x10, 0x74, 0x00];
        assert_eq!(straight_depth(&code, 0, 5), Some(24));
        // a site in the middle of an instruction
        assert_eq!(straight_depth(&code, 0, 3), None);
        // mov rbp,rsp is fine (reads rsp); leave is not
        assert_eq!(straight_depth(&[0x48, 0x89, 0xe5, 0xc9, 0x74, 0x00], 0, 4), None);
    }
}
