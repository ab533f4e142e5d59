//! Verifying the tracer's BPF programs and placing its uprobe sites.
//! A program load is the kernel verifier's CPU work, and placing a uprobe
//! in libc writes a breakpoint into every process on the machine that maps
//! libc: [`Tracer::load`](super::Tracer::load) does these on two threads
//! at once (uprobe program, then libc sites; the other programs), so the
//! machine's cores share them.

use anyhow::{Context, Result};
use aya::maps::{Array, MapData};
use aya::programs::uprobe::{UProbeAttachLocation, UProbeAttachPoint, UProbeScope};
use aya::programs::{Program, ProgramError, UProbe};
use flake_common::Site;

use super::{kerr, plan, SetupError};

/// Entries of the BPF side's `SITES` array (uprobe cookies).
pub const MAX_SITES: usize = 256;

/// Loads every program of `group`, in order; the first failure is
/// returned, with the verifier's last words.
pub fn verify(group: Vec<(&str, &mut Program)>) -> Result<(), SetupError> {
    for (name, prog) in group {
        let loaded = match prog {
            Program::RawTracePoint(p) => p.load(),
            Program::UProbe(p) => p.load(),
            Program::PerfEvent(p) => p.load(),
            _ => Err(ProgramError::UnexpectedProgramType),
        };
        loaded.map_err(|e| kerr(&format!("verifying {name}"), super::verifier(e)))?;
    }
    Ok(())
}

/// Writes `planned` into `SITES` from entry `first` on (the entry a site's
/// uprobe gets as its cookie), within the map's size.
pub fn write_sites(sites: &mut Array<MapData, Site>, first: u32, planned: &[plan::Planned]) -> Result<()> {
    anyhow::ensure!(first as usize + planned.len() <= MAX_SITES, "more than {MAX_SITES} uprobe sites");
    for (i, (_, _, site, _)) in planned.iter().enumerate() {
        sites.set(first + i as u32, *site, 0)?;
    }
    Ok(())
}

/// Writes `planned` into `SITES` from entry `first` on and attaches `up`
/// at each (the cookie is the site's entry). With `tolerate`, a site the
/// kernel refuses is skipped (and said in `refused`) instead of failing.
/// Returns the kinds of the sites attached.
pub fn attach_sites(
    up: &mut UProbe,
    sites: &mut Array<MapData, Site>,
    first: u32,
    planned: &[plan::Planned],
    tolerate: bool,
    refused: &mut Vec<String>,
) -> Result<Vec<u32>> {
    write_sites(sites, first, planned)?;
    let mut attached = Vec::new();
    for (i, (path, file_off, site, what)) in planned.iter().enumerate() {
        let point = UProbeAttachPoint { location: UProbeAttachLocation::AbsoluteOffset(*file_off), cookie: Some((first + i as u32) as u64) };
        match up.attach(point, path, UProbeScope::AllProcesses) {
            Ok(_) => attached.push(site.kind),
            Err(e) if tolerate => refused.push(format!("{what} at offset {file_off:#x} in {}: {e}", path.display())),
            Err(e) => return Err(e).with_context(|| format!("attaching uprobe {what} in {}", path.display())),
        }
    }
    Ok(attached)
}
