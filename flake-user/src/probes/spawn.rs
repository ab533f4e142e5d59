//! Starting the traced command. The child registers its own pid in the
//! BPF `TRACED` map before it execs (so nothing it does is missed), then
//! drops root: under sudo it becomes the invoking user (SUDO_UID/SUDO_GID,
//! their groups and HOME) and never runs as root. It leads its own process
//! group so a timeout or Ctrl-C can stop the whole tree.

use std::ffi::CString;
use std::os::fd::RawFd;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command};

use anyhow::{bail, Context, Result};

/// Who the traced command runs as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunAs {
    pub uid: u32,
    pub gid: u32,
    pub groups: Vec<u32>,
    pub user: String,
    pub home: PathBuf,
}

impl RunAs {
    /// The invoking user when started through sudo by someone else than
    /// root, else `None` (run as the current user).
    pub fn from_sudo_env() -> Result<Option<RunAs>> {
        let (Ok(uid), Ok(gid)) = (std::env::var("SUDO_UID"), std::env::var("SUDO_GID")) else {
            return Ok(None);
        };
        let uid: u32 = uid.parse().context("SUDO_UID is not a number")?;
        let gid: u32 = gid.parse().context("SUDO_GID is not a number")?;
        if uid == 0 {
            return Ok(None);
        }
        let pw = nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid))
            .context("looking up the sudo user")?;
        let (user, home) = match pw {
            Some(u) => (u.name, u.dir),
            None => (uid.to_string(), PathBuf::from("/")),
        };
        let cname = CString::new(user.clone())?;
        let groups = nix::unistd::getgrouplist(&cname, nix::unistd::Gid::from_raw(gid))
            .map(|g| g.into_iter().map(|g| g.as_raw()).collect())
            .unwrap_or_else(|_| vec![gid]);
        Ok(Some(RunAs { uid, gid, groups, user, home }))
    }
}

/// Registers the calling process in the BPF hash map `map_fd` (key: its
/// pid, value 1). Async-signal-safe: a single raw syscall.
fn register_self(map_fd: RawFd) -> std::io::Result<()> {
    #[repr(C)]
    struct UpdateAttr {
        map_fd: u32,
        _pad: u32,
        key: u64,
        value: u64,
        flags: u64,
    }
    let pid: u32 = unsafe { libc::getpid() } as u32;
    let one: u32 = 1;
    let attr = UpdateAttr {
        map_fd: map_fd as u32,
        _pad: 0,
        key: &pid as *const u32 as u64,
        value: &one as *const u32 as u64,
        flags: 0,
    };
    const BPF_MAP_UPDATE_ELEM: libc::c_long = 2;
    let r = unsafe {
        libc::syscall(
            libc::SYS_bpf,
            BPF_MAP_UPDATE_ELEM,
            &attr as *const UpdateAttr,
            std::mem::size_of::<UpdateAttr>() as u32,
        )
    };
    if r < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// Starts `cmd` (argv) in `cwd` with `env` changes, registered in the
/// traced map before exec, as `run_as` when given.
pub fn spawn_traced(
    argv: &[String],
    cwd: &std::path::Path,
    extra_env: &[(String, String)],
    run_as: Option<&RunAs>,
    traced_map_fd: RawFd,
) -> Result<Child> {
    if argv.is_empty() {
        bail!("no command given");
    }
    let mut cmd = Command::new(&argv[0]);
    cmd.args(&argv[1..]).current_dir(cwd);
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    if let Some(u) = run_as {
        cmd.env("HOME", &u.home).env("USER", &u.user).env("LOGNAME", &u.user);
        for k in ["SUDO_UID", "SUDO_GID", "SUDO_USER", "SUDO_COMMAND", "SUDO_HOME"] {
            cmd.env_remove(k);
        }
    }
    let ids = run_as.map(|u| (u.uid, u.gid, u.groups.clone()));
    unsafe {
        cmd.pre_exec(move || {
            // Own process group, so the whole tree can be signalled.
            if libc::setpgid(0, 0) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            register_self(traced_map_fd)?;
            // flakebpf itself runs at lower priority; the command does not.
            libc::setpriority(libc::PRIO_PROCESS, 0, 0);
            if let Some((uid, gid, groups)) = &ids {
                // No allocation between fork and exec.
                if libc::setgroups(groups.len(), groups.as_ptr()) != 0
                    || libc::setgid(*gid) != 0
                    || libc::setuid(*uid) != 0
                {
                    return Err(std::io::Error::last_os_error());
                }
            }
            // If flakebpf dies, so does the command (set after the
            // credential change, which clears it).
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong);
            Ok(())
        });
    }
    cmd.spawn().with_context(|| match run_as {
        Some(u) => format!("cannot start {} as {} (uid {}, the user who ran sudo)", argv[0], u.user, u.uid),
        None => format!("cannot start {}", argv[0]),
    })
}
