//! Kernel struct offsets from the running kernel's BTF
//! (/sys/kernel/btf/vmlinux). Rust BPF programs get no CO-RE relocations,
//! so every kernel field the BPF side reads is located here and passed in
//! the `GLOBAL` map.

use anyhow::{anyhow, bail, Context, Result};
use btf_rs::{Btf, Type};

/// Path of the kernel's own BTF.
pub const VMLINUX_BTF: &str = "/sys/kernel/btf/vmlinux";

/// Kernel offsets the BPF programs need.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct KernelOffsets {
    pub task_fsbase: u32,
    pub task_pid: u32,
    pub task_tgid: u32,
    pub task_exit_code: u32,
    pub bprm_filename: u32,
}

/// Reads [`KernelOffsets`] from [`VMLINUX_BTF`]. Parsing the kernel's BTF
/// takes about 0.1 s, so the result is cached (`crate::cache`) under what
/// names the running kernel: this boot (only a boot replaces the kernel),
/// its version string and the BTF's size, read without the 5 MB file
/// itself (reading it and checksumming it cost ~5-8 ms of every start).
/// Without a boot id, the key is a checksum of the BTF bytes.
pub fn kernel_offsets() -> Result<KernelOffsets> {
    let read = || std::fs::read(VMLINUX_BTF).with_context(|| format!("cannot read kernel BTF at {VMLINUX_BTF}"));
    let mut bytes = None;
    let key = match running_kernel() {
        Some(k) => k,
        None => {
            let b = read()?;
            let k = format!("{} bytes, crc32 {:08x}", b.len(), crc32fast::hash(&b));
            bytes = Some(b);
            k
        }
    };
    if let Some(k) = crate::cache::load::<KernelOffsets>("kernel-offsets", &key) {
        return Ok(k);
    }
    let bytes = match bytes {
        Some(b) => b,
        None => read()?,
    };
    let k = offsets_from_btf(&bytes)?;
    crate::cache::store("kernel-offsets", &key, &k);
    Ok(k)
}

/// (boot id, kernel version string, BTF size) as one key, when the boot
/// id and the BTF's size can be read.
fn running_kernel() -> Option<String> {
    let boot = std::fs::read_to_string("/proc/sys/kernel/random/boot_id").ok()?;
    let version = std::fs::read_to_string("/proc/version").unwrap_or_default();
    let size = std::fs::metadata(VMLINUX_BTF).ok()?.len();
    let boot = boot.trim();
    (!boot.is_empty()).then(|| format!("boot {boot}, {size} bytes of BTF, {}", version.trim()))
}

/// [`KernelOffsets`] from the bytes of a kernel BTF file.
fn offsets_from_btf(bytes: &[u8]) -> Result<KernelOffsets> {
    // Parsed in memory: btf-rs's file reader asks the kernel for its
    // position before every small read (about 126,000 lseek calls).
    let btf = Btf::from_bytes(bytes).with_context(|| format!("cannot parse kernel BTF at {VMLINUX_BTF}"))?;
    Ok(KernelOffsets {
        task_fsbase: member_offset(&btf, "task_struct", "thread.fsbase")?,
        task_pid: member_offset(&btf, "task_struct", "pid")?,
        task_tgid: member_offset(&btf, "task_struct", "tgid")?,
        task_exit_code: member_offset(&btf, "task_struct", "exit_code")?,
        bprm_filename: member_offset(&btf, "linux_binprm", "filename")?,
    })
}

/// Byte offset of the member at dotted `path` inside struct `name`, looking
/// through anonymous structs and unions.
pub fn member_offset(btf: &Btf, name: &str, path: &str) -> Result<u32> {
    let ty = btf
        .resolve_types_by_name(name)?
        .into_iter()
        .find(|t| matches!(t, Type::Struct(s) if !s.members.is_empty()))
        .ok_or_else(|| anyhow!("kernel BTF has no struct {name}"))?;
    let mut bits = 0u32;
    let mut cur = ty;
    for part in path.split('.') {
        let (off, next) = find_member(btf, &cur, part)?
            .ok_or_else(|| anyhow!("kernel BTF: struct {name} has no member {path}"))?;
        bits += off;
        cur = next;
    }
    if bits % 8 != 0 {
        bail!("kernel BTF: {name}.{path} is a bit field");
    }
    Ok(bits / 8)
}

/// Finds `field` in struct/union `ty`: (bit offset, the member's type).
fn find_member(btf: &Btf, ty: &Type, field: &str) -> Result<Option<(u32, Type)>> {
    let s = match ty {
        Type::Struct(s) | Type::Union(s) => s,
        _ => return Ok(None),
    };
    for m in &s.members {
        let mname = btf.resolve_name(m).unwrap_or_default();
        let mty = strip(btf, btf.resolve_chained_type(m)?)?;
        if mname == field {
            return Ok(Some((m.bit_offset(), mty)));
        }
        if mname.is_empty() {
            if let Some((off, t)) = find_member(btf, &mty, field)? {
                return Ok(Some((m.bit_offset() + off, t)));
            }
        }
    }
    Ok(None)
}

/// Follows typedefs and qualifiers to the underlying type.
fn strip(btf: &Btf, mut ty: Type) -> Result<Type> {
    for _ in 0..16 {
        match &ty {
            Type::Typedef(_) | Type::Const(_) | Type::Volatile(_) | Type::Restrict(_) | Type::TypeTag(_) => {
                let bt = ty.as_btf_type().ok_or_else(|| anyhow!("BTF type without reference"))?;
                ty = btf.resolve_chained_type(bt)?;
            }
            _ => break,
        }
    }
    Ok(ty)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_task_struct_offsets_from_running_kernel() {
        let k = kernel_offsets().expect("kernel BTF must be readable on the test machine");
        let bytes = std::fs::read(VMLINUX_BTF).unwrap();
        assert_eq!(offsets_from_btf(&bytes).unwrap(), k, "a cached answer equals a fresh parse");
        // pid and tgid are adjacent pid_t fields in every kernel since 2.6.
        assert_eq!(k.task_tgid, k.task_pid + 4);
        assert!(k.task_fsbase > k.task_tgid, "thread_struct comes late in task_struct");
        assert!(k.bprm_filename > 0);
    }
}
