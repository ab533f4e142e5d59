//! Multi-uprobe programs and links (kernel ≥ 6.6) through the raw `bpf()`
//! syscall. aya 0.14 loads uprobe programs without an expected attach
//! type, so it can only attach them one perf event per site, and the
//! kernel removes each of those under its `event_mutex` across an RCU
//! grace period (~0.1 s a site here, one after the other). A
//! `uprobe_multi` link holds every site of one binary and is removed with
//! one grace period. This module loads the same relocated instructions aya
//! would load (the object parsed and relocated by `aya-obj` against the
//! maps aya created) with `expected_attach_type = BPF_TRACE_UPROBE_MULTI`,
//! and creates the links; the programs read the same `pt_regs` context and
//! `bpf_get_attach_cookie` gives each site's cookie as before. Struct
//! layouts are the kernel uapi's (`include/uapi/linux/bpf.h`).

use std::collections::{HashMap, HashSet};
use std::ffi::CString;
use std::io;
use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use anyhow::{anyhow, Context, Result};
use aya::maps::Map;
use aya::Ebpf;

const BPF_PROG_LOAD: libc::c_long = 5;
const BPF_BTF_LOAD: libc::c_long = 18;
const BPF_LINK_CREATE: libc::c_long = 28;
const BPF_OBJ_GET_INFO_BY_FD: libc::c_long = 15;
/// `struct bpf_prog_info`: its size up to `verified_insns`, and where that is.
const PROG_INFO_LEN: usize = 220;
const PROG_INFO_VERIFIED_INSNS: usize = 216;
const BPF_PROG_TYPE_KPROBE: u32 = 2;
const BPF_TRACE_UPROBE_MULTI: u32 = 48;
const BPF_F_UPROBE_MULTI_RETURN: u32 = 1;

/// `union bpf_attr` as `BPF_PROG_LOAD` reads it, up to `line_info_cnt`
/// (the kernel takes a shorter attr and treats the rest as zero).
#[repr(C)]
#[derive(Default)]
struct ProgLoadAttr {
    prog_type: u32,
    insn_cnt: u32,
    insns: u64,
    license: u64,
    log_level: u32,
    log_size: u32,
    log_buf: u64,
    kern_version: u32,
    prog_flags: u32,
    prog_name: [u8; 16],
    prog_ifindex: u32,
    expected_attach_type: u32,
    prog_btf_fd: u32,
    func_info_rec_size: u32,
    func_info: u64,
    func_info_cnt: u32,
    line_info_rec_size: u32,
    line_info: u64,
    line_info_cnt: u32,
    attach_btf_id: u32,
}

/// `union bpf_attr` as `BPF_BTF_LOAD` reads it, up to `btf_log_level`.
#[repr(C)]
#[derive(Default)]
struct BtfLoadAttr {
    btf: u64,
    btf_log_buf: u64,
    btf_size: u32,
    btf_log_size: u32,
    btf_log_level: u32,
}

/// `union bpf_attr` as `BPF_LINK_CREATE` reads it for `uprobe_multi`.
#[repr(C)]
#[derive(Default)]
struct UprobeMultiLinkAttr {
    prog_fd: u32,
    target_fd: u32,
    attach_type: u32,
    flags: u32,
    path: u64,
    offsets: u64,
    ref_ctr_offsets: u64,
    cookies: u64,
    cnt: u32,
    multi_flags: u32,
    pid: u32,
    pad: u32,
}

fn sys_bpf<T>(cmd: libc::c_long, attr: &mut T) -> io::Result<OwnedFd> {
    // SAFETY: `attr` is a plain repr(C) uapi struct of the given size; the
    // pointers inside it stay valid for the call.
    let r = unsafe { libc::syscall(libc::SYS_bpf, cmd, attr as *mut T as *mut libc::c_void, std::mem::size_of::<T>() as u32) };
    if r < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: the kernel returned a new file descriptor that nothing else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(r as RawFd) })
}

/// The file descriptor of one of aya's maps (the kinds flake-ebpf declares).
fn map_fd(map: &Map) -> Option<RawFd> {
    use std::os::fd::AsFd;
    let data = match map {
        Map::Array(d) | Map::HashMap(d) | Map::LruHashMap(d) | Map::PerCpuArray(d) | Map::PerCpuHashMap(d) | Map::RingBuf(d) => d,
        _ => return None,
    };
    Some(data.fd().as_fd().as_raw_fd())
}

/// Relocated instructions of some programs of a BPF object, with the
/// object's BTF (the verifier wants the functions' BTF wherever a program
/// hands a callback to `bpf_loop`), ready for another load than aya's.
pub struct Relocated {
    license: CString,
    btf: OwnedFd,
    programs: HashMap<String, aya_obj::Function>,
}

impl Relocated {
    /// Parses `object` and relocates programs `names` against the maps
    /// `ebpf` created from the same object (call before maps are taken out
    /// of `ebpf`).
    pub fn new(object: &[u8], ebpf: &Ebpf, names: &[&str]) -> Result<Relocated> {
        let mut obj = aya_obj::Object::parse(object).context("parsing the BPF object")?;
        let features = aya::features().btf().ok_or_else(|| anyhow!("the kernel takes no BTF for programs"))?;
        let btf = obj
            .fixup_and_sanitize_btf(features)
            .context("preparing the object's BTF")?
            .ok_or_else(|| anyhow!("the BPF object has no BTF"))?
            .to_bytes();
        let mut attr = BtfLoadAttr { btf: btf.as_ptr() as u64, btf_size: btf.len() as u32, ..Default::default() };
        let btf = sys_bpf(BPF_BTF_LOAD, &mut attr).context("loading the object's BTF")?;
        let mut fds = HashMap::new();
        for (name, map) in ebpf.maps() {
            let fd = map_fd(map).ok_or_else(|| anyhow!("map {name} is of a kind this loader does not know"))?;
            fds.insert(name.to_string(), fd);
        }
        let maps: Vec<(String, RawFd, aya_obj::Map)> = obj
            .maps
            .iter()
            .filter_map(|(name, m)| fds.get(name).map(|&fd| (name.clone(), fd, m.clone())))
            .collect();
        let text: HashSet<usize> = obj.functions.keys().map(|(section, _)| *section).collect();
        obj.relocate_maps(maps.iter().map(|(n, fd, m)| (n.as_str(), *fd, m)), &text).context("relocating map references")?;
        obj.relocate_calls(&text).context("relocating calls")?;
        obj.sanitize_functions(aya::features());
        let mut programs = HashMap::new();
        for &name in names {
            let prog = obj.programs.get(name).ok_or_else(|| anyhow!("the BPF object has no program {name}"))?;
            let func = obj.functions.get(&prog.function_key()).ok_or_else(|| anyhow!("no code for program {name}"))?;
            programs.insert(name.to_string(), func.clone());
        }
        Ok(Relocated { license: obj.license.clone(), btf, programs })
    }

    /// Loads program `name` as a multi-uprobe program (the kernel's
    /// verifier runs here); the error carries the verifier's last words.
    pub fn load_uprobe_multi(&self, name: &str) -> Result<OwnedFd> {
        let func = self.programs.get(name).ok_or_else(|| anyhow!("program {name} was not relocated"))?;
        let insns = &func.instructions;
        let func_info = func.func_info.func_info_bytes();
        let line_info = func.line_info.line_info_bytes();
        let mut attr = ProgLoadAttr {
            prog_type: BPF_PROG_TYPE_KPROBE,
            insn_cnt: insns.len() as u32,
            insns: insns.as_ptr() as u64,
            license: self.license.as_ptr() as u64,
            expected_attach_type: BPF_TRACE_UPROBE_MULTI,
            prog_btf_fd: self.btf.as_raw_fd() as u32,
            ..Default::default()
        };
        if func.func_info_rec_size > 0 {
            attr.func_info = func_info.as_ptr() as u64;
            attr.func_info_cnt = func.func_info.len() as u32;
            attr.func_info_rec_size = func.func_info_rec_size as u32;
        }
        if func.line_info_rec_size > 0 {
            attr.line_info = line_info.as_ptr() as u64;
            attr.line_info_cnt = func.line_info.len() as u32;
            attr.line_info_rec_size = func.line_info_rec_size as u32;
        }
        let short = name.as_bytes();
        let n = short.len().min(15);
        attr.prog_name[..n].copy_from_slice(&short[..n]);
        match sys_bpf(BPF_PROG_LOAD, &mut attr) {
            Ok(fd) => Ok(fd),
            Err(first) => {
                // Again with the verifier's log, to say why.
                let mut log = vec![0u8; 1 << 20];
                attr.log_level = 1;
                attr.log_size = log.len() as u32;
                attr.log_buf = log.as_mut_ptr() as u64;
                let _ = sys_bpf(BPF_PROG_LOAD, &mut attr);
                let end = log.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
                let text = String::from_utf8_lossy(&log[..end]).replace('\0', "");
                let tail: Vec<&str> = text.lines().rev().take(20).collect();
                Err(anyhow!("{first}; verifier log tail:\n{}", tail.into_iter().rev().collect::<Vec<_>>().join("\n")))
            }
        }
    }
}

/// `union bpf_attr` as `BPF_OBJ_GET_INFO_BY_FD` reads it.
#[repr(C)]
#[derive(Default)]
struct InfoAttr {
    bpf_fd: u32,
    info_len: u32,
    info: u64,
}

/// How many instructions the verifier processed to load `prog` (its
/// `bpf_prog_info.verified_insns`), when the kernel says.
pub fn verified_insns(prog: BorrowedFd<'_>) -> Option<u32> {
    let mut info = [0u8; PROG_INFO_LEN];
    let mut attr = InfoAttr { bpf_fd: prog.as_raw_fd() as u32, info_len: PROG_INFO_LEN as u32, info: info.as_mut_ptr() as u64 };
    // SAFETY: `attr` is the uapi struct; `info` outlives the call and the
    // kernel writes at most `info_len` bytes into it.
    let r = unsafe {
        libc::syscall(libc::SYS_bpf, BPF_OBJ_GET_INFO_BY_FD, &mut attr as *mut InfoAttr as *mut libc::c_void, std::mem::size_of::<InfoAttr>() as u32)
    };
    if r < 0 || (attr.info_len as usize) < PROG_INFO_LEN {
        return None;
    }
    let n = u32::from_ne_bytes(info[PROG_INFO_VERIFIED_INSNS..PROG_INFO_VERIFIED_INSNS + 4].try_into().ok()?);
    (n > 0).then_some(n)
}

/// Attaches `prog` (loaded by [`Relocated::load_uprobe_multi`]) at file
/// offsets `offsets` of `path` in every process, each with its cookie;
/// `ret` makes them return probes. The sites go when the link is closed.
pub fn attach(prog: BorrowedFd<'_>, path: &Path, offsets: &[u64], cookies: &[u64], ret: bool) -> io::Result<OwnedFd> {
    assert_eq!(offsets.len(), cookies.len());
    let cpath = CString::new(path.as_os_str().as_bytes()).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    let mut attr = UprobeMultiLinkAttr {
        prog_fd: prog.as_raw_fd() as u32,
        attach_type: BPF_TRACE_UPROBE_MULTI,
        path: cpath.as_ptr() as u64,
        offsets: offsets.as_ptr() as u64,
        cookies: cookies.as_ptr() as u64,
        cnt: offsets.len() as u32,
        multi_flags: if ret { BPF_F_UPROBE_MULTI_RETURN } else { 0 },
        ..Default::default()
    };
    sys_bpf(BPF_LINK_CREATE, &mut attr)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::mem::offset_of;

    #[test]
    fn attrs_have_the_uapi_layout() {
        // include/uapi/linux/bpf.h, union bpf_attr
        assert_eq!(offset_of!(ProgLoadAttr, insns), 8);
        assert_eq!(offset_of!(ProgLoadAttr, log_buf), 32);
        assert_eq!(offset_of!(ProgLoadAttr, prog_name), 48);
        assert_eq!(offset_of!(ProgLoadAttr, expected_attach_type), 68);
        assert_eq!(offset_of!(ProgLoadAttr, func_info), 80);
        assert_eq!(offset_of!(ProgLoadAttr, line_info), 96);
        assert_eq!(offset_of!(ProgLoadAttr, attach_btf_id), 108);
        assert_eq!(offset_of!(BtfLoadAttr, btf_size), 16);
        assert_eq!(offset_of!(BtfLoadAttr, btf_log_level), 24);
        assert_eq!(offset_of!(UprobeMultiLinkAttr, attach_type), 8);
        assert_eq!(offset_of!(UprobeMultiLinkAttr, path), 16);
        assert_eq!(offset_of!(UprobeMultiLinkAttr, cookies), 40);
        assert_eq!(offset_of!(UprobeMultiLinkAttr, cnt), 48);
        assert_eq!(offset_of!(UprobeMultiLinkAttr, pid), 56);
        assert_eq!(offset_of!(InfoAttr, info), 8);
    }
}
