//! Chooses where inside a function a uprobe goes. A uprobe on an
//! instruction the kernel must single-step out of line costs ~10 µs per hit
//! here; on a relative branch or call, which the kernel emulates, ~0.8 µs.
//! So we probe the first such instruction that every call reaches, as long
//! as the argument registers the probe reads are still untouched there.

use iced_x86::{Decoder, DecoderOptions, FlowControl, Instruction, Mnemonic, OpKind, Register};

/// Where to put the probe, relative to the function start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProbeOffset {
    pub offset: u64,
    /// True when the instruction there is one the kernel emulates.
    pub emulated: bool,
}

/// Instructions scanned before giving up and probing the entry.
const MAX_SCAN: usize = 24;

/// Picks the probe offset in `code` (the function's bytes, starting at its
/// first instruction, link-time address `ip`). `keep` lists the argument
/// registers (64-bit names) that must still hold their entry values.
pub fn choose(code: &[u8], ip: u64, keep: &[Register]) -> ProbeOffset {
    let entry = ProbeOffset { offset: 0, emulated: false };
    let mut decoder = Decoder::with_ip(64, code, ip, DecoderOptions::NONE);
    let mut info = iced_x86::InstructionInfoFactory::new();
    let mut ins = Instruction::default();
    for _ in 0..MAX_SCAN {
        if !decoder.can_decode() {
            break;
        }
        decoder.decode_out(&mut ins);
        if ins.is_invalid() {
            break;
        }
        let off = ins.ip() - ip;
        if is_emulated(&ins) {
            return ProbeOffset { offset: off, emulated: true };
        }
        if ins.flow_control() != FlowControl::Next {
            // ret, indirect jump/call, interrupt: not every later byte is reached.
            return entry;
        }
        let used = info.info(&ins);
        for r in used.used_registers() {
            let written = matches!(
                r.access(),
                iced_x86::OpAccess::Write
                    | iced_x86::OpAccess::CondWrite
                    | iced_x86::OpAccess::ReadWrite
                    | iced_x86::OpAccess::ReadCondWrite
            );
            if written && keep.contains(&r.register().full_register()) {
                return entry;
            }
        }
    }
    entry
}

/// Branches and calls with a relative target, which x86 uprobes emulate
/// instead of single-stepping.
fn is_emulated(ins: &Instruction) -> bool {
    let rel = matches!(ins.op0_kind(), OpKind::NearBranch64 | OpKind::NearBranch32 | OpKind::NearBranch16);
    match ins.flow_control() {
        FlowControl::ConditionalBranch | FlowControl::UnconditionalBranch | FlowControl::Call => {
            rel && ins.mnemonic() != Mnemonic::Jrcxz && ins.mnemonic() != Mnemonic::Loop
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_first_conditional_branch_when_args_survive() {
        // mov rax,[rip+0x10]; test rax,rax; je +2; ret
        let code = [0x48, 0x8b, 0x05, 0x10, 0, 0, 0, 0x48, 0x85, 0xc0, 0x74, 0x02, 0xc3];
        let p = choose(&code, 0x1000, &[Register::RDI, Register::RSI]);
        assert_eq!(p, ProbeOffset { offset: 10, emulated: true });
    }

    #[test]
    fn falls_back_to_entry_when_an_argument_is_clobbered() {
        // mov rdi,rax; je +2
        let code = [0x48, 0x89, 0xc7, 0x74, 0x02, 0xc3];
        let p = choose(&code, 0x1000, &[Register::RDI]);
        assert_eq!(p, ProbeOffset { offset: 0, emulated: false });
        // ...unless that register is not needed.
        let p = choose(&code, 0x1000, &[Register::RSI]);
        assert_eq!(p, ProbeOffset { offset: 3, emulated: true });
    }

    #[test]
    fn stops_at_return() {
        // endbr64; ret; je +2
        let code = [0xf3, 0x0f, 0x1e, 0xfa, 0xc3, 0x74, 0x02];
        assert_eq!(choose(&code, 0, &[]).offset, 0);
    }

    #[test]
    fn call_rel32_is_emulated() {
        // push rbx; call +0
        let code = [0x53, 0xe8, 0, 0, 0, 0];
        assert_eq!(choose(&code, 0, &[Register::RDI]), ProbeOffset { offset: 1, emulated: true });
    }
}
