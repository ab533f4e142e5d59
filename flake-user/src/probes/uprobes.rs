//! How the uprobe sites are attached and removed. Where the kernel has
//! multi-uprobe links (≥ 6.6), the sites of one binary share one link
//! ([`multi`]): removing it costs one RCU grace period for all of them,
//! where per-site perf-event uprobes cost one each, one after the other
//! (~0.1 s a site here, ~1.4 s for a usual trace). Otherwise each site gets
//! aya's perf-event uprobe, as before. Either way every site is gone before
//! [`Uprobes`] is dropped (the links are closed, in parallel, in `Drop`).

use std::os::fd::{AsFd, OwnedFd};
use std::path::PathBuf;

use anyhow::{anyhow, Context, Result};
use aya::maps::{Array, MapData};
use aya::programs::uprobe::{UProbeAttachLocation, UProbeScope};
use aya::programs::UProbe;
use flake_common::Site;

use super::{load, multi, plan};

/// The uprobe programs loaded as multi-uprobe programs: entry sites, and
/// the eval loop's return (deep mode).
pub struct MultiProgs {
    entry: OwnedFd,
    ret: Option<OwnedFd>,
}

impl MultiProgs {
    /// Verifies `entry` (and `ret`) from `relocated` as multi-uprobe programs.
    pub fn load(relocated: &multi::Relocated, entry: &str, ret: Option<&str>) -> Result<MultiProgs> {
        let entry = relocated.load_uprobe_multi(entry)?;
        let ret = ret.map(|r| relocated.load_uprobe_multi(r)).transpose()?;
        Ok(MultiProgs { entry, ret })
    }
}

/// The uprobe sites attached so far, and how.
pub struct Uprobes {
    multi: Option<MultiProgs>,
    /// Why sites get one perf event each (when they do).
    per_site_why: Option<String>,
    /// True once a multi link was made (the kernel takes them).
    linked: bool,
    links: Vec<OwnedFd>,
}

impl Uprobes {
    /// Sites on multi links with `progs`, or, when they could not be
    /// loaded, one perf event per site (the caller loads aya's programs).
    pub fn new(progs: Result<MultiProgs>) -> Uprobes {
        match progs {
            Ok(p) => Uprobes { multi: Some(p), per_site_why: None, linked: false, links: Vec::new() },
            Err(e) => Uprobes::per_site(format!("{e:#}")),
        }
    }

    fn per_site(why: String) -> Uprobes {
        log::info!("uprobes are attached one perf event per site: {why}");
        Uprobes { multi: None, per_site_why: Some(why), linked: false, links: Vec::new() }
    }

    /// True when sites go on multi-uprobe links.
    pub fn is_multi(&self) -> bool {
        self.multi.is_some()
    }

    /// Instructions the verifier processed for the multi-uprobe programs
    /// (name, count), when the kernel says.
    pub fn verified_insns(&self) -> Vec<(String, u32)> {
        let Some(m) = &self.multi else { return Vec::new() };
        [("flake_uprobe", Some(&m.entry)), ("flake_uretprobe", m.ret.as_ref())]
            .into_iter()
            .filter_map(|(n, fd)| Some((n.to_string(), multi::verified_insns(fd?.as_fd())?)))
            .collect()
    }

    /// How sites are attached, for `doctor` and logs.
    pub fn describe(&self) -> String {
        match &self.per_site_why {
            None => "uprobes: one uprobe_multi link per binary (removed in one kernel grace period)".to_string(),
            Some(why) => format!(
                "uprobes: one perf event per site (removed one at a time, ~0.1 s each); uprobe_multi links were not usable: {}",
                why.lines().next().unwrap_or("")
            ),
        }
    }

    /// Writes `planned` into `SITES` from entry `first` on and attaches the
    /// entry program at each (the cookie is the site's entry). With
    /// `tolerate`, a site the kernel refuses is skipped (and said in
    /// `refused`). `up` is aya's program, for the per-site way (loaded here
    /// if it was not). Returns the kinds of the sites attached.
    pub fn attach(
        &mut self,
        up: &mut UProbe,
        sites: &mut Array<MapData, Site>,
        first: u32,
        planned: &[plan::Planned],
        tolerate: bool,
        refused: &mut Vec<String>,
    ) -> Result<Vec<u32>> {
        if self.multi.is_none() {
            return load::attach_sites(up, sites, first, planned, tolerate, refused);
        }
        load::write_sites(sites, first, planned)?;
        let mut attached = Vec::new();
        for (path, group) in by_binary(planned) {
            let offsets: Vec<u64> = group.iter().map(|&i| planned[i].1).collect();
            let cookies: Vec<u64> = group.iter().map(|&i| (first as usize + i) as u64).collect();
            let prog = &self.multi.as_ref().expect("multi programs").entry;
            match multi::attach(prog.as_fd(), &path, &offsets, &cookies, false) {
                Ok(link) => {
                    self.links.push(link);
                    self.linked = true;
                    attached.extend(group.iter().map(|&i| planned[i].2.kind));
                }
                Err(e) if !self.linked => {
                    // The kernel takes no multi link at all: every site,
                    // this batch's included, goes the per-site way.
                    *self = Uprobes::per_site(format!("attaching a uprobe_multi link in {}: {e}", path.display()));
                    if up.fd().is_err() {
                        up.load().map_err(|e| anyhow!("verifying flake_uprobe: {}", super::verifier(e)))?;
                    }
                    return load::attach_sites(up, sites, first, planned, tolerate, refused);
                }
                Err(e) if !tolerate => return Err(e).with_context(|| format!("attaching uprobes in {}", path.display())),
                Err(_) => {
                    // Some site of the batch is refused: one link per site finds it.
                    for &i in &group {
                        let (_, off, site, what) = &planned[i];
                        match multi::attach(prog.as_fd(), &path, &[*off], &[(first as usize + i) as u64], false) {
                            Ok(link) => {
                                self.links.push(link);
                                attached.push(site.kind);
                            }
                            Err(e) => refused.push(format!("{what} at offset {off:#x} in {}: {e}", path.display())),
                        }
                    }
                }
            }
        }
        Ok(attached)
    }

    /// Attaches the return program at file offset `off` of `path` (deep
    /// mode's eval loop); `rp` is aya's program, for the per-site way.
    pub fn attach_return(&mut self, rp: &mut UProbe, path: &PathBuf, off: u64) -> Result<()> {
        match self.multi.as_ref().and_then(|m| m.ret.as_ref()) {
            Some(prog) => {
                let link = multi::attach(prog.as_fd(), path, &[off], &[0], true).context("attaching uretprobe to the eval loop")?;
                self.links.push(link);
            }
            None => {
                if rp.fd().is_err() {
                    rp.load().map_err(|e| anyhow!("verifying flake_uretprobe: {}", super::verifier(e)))?;
                }
                rp.attach(UProbeAttachLocation::AbsoluteOffset(off), path, UProbeScope::AllProcesses)
                    .context("attaching uretprobe to the eval loop")?;
            }
        }
        Ok(())
    }
}

impl Drop for Uprobes {
    fn drop(&mut self) {
        // Each link's removal waits for a grace period: closed side by
        // side, they wait for about one together.
        let links = std::mem::take(&mut self.links);
        std::thread::scope(|s| {
            for link in links {
                s.spawn(move || drop(link));
            }
        });
    }
}

/// Indices of `planned` grouped by binary, in first-seen order.
fn by_binary(planned: &[plan::Planned]) -> Vec<(PathBuf, Vec<usize>)> {
    let mut groups: Vec<(PathBuf, Vec<usize>)> = Vec::new();
    for (i, (path, ..)) in planned.iter().enumerate() {
        match groups.iter_mut().find(|(p, _)| p == path) {
            Some((_, g)) => g.push(i),
            None => groups.push((path.clone(), vec![i])),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sites_are_grouped_by_binary_in_order() {
        let site = Site { vaddr: 0, runtime_vaddr: 0, slot: 0, kind: 0, arg: 0 };
        let p = |path: &str, off: u64| (PathBuf::from(path), off, site, "x");
        let planned = vec![p("/a", 1), p("/b", 2), p("/a", 3), p("/c", 4), p("/b", 5)];
        let g = by_binary(&planned);
        assert_eq!(
            g,
            vec![(PathBuf::from("/a"), vec![0, 2]), (PathBuf::from("/b"), vec![1, 4]), (PathBuf::from("/c"), vec![3])]
        );
    }
}
