//! flakebpf's on-disk cache of facts that are slow to compute at start-up
//! and change only with the file they come from (the running kernel's BTF,
//! an interpreter build). One JSON file per entry under `$FLAKEBPF_CACHE`
//! (default `~/.cache/flakebpf/facts`; an empty `FLAKEBPF_CACHE` turns the
//! cache off). An entry names what it was computed from (its key) and the
//! flakebpf version that wrote it; it is written atomically (a temporary
//! file renamed into place) and ignored when it does not parse or either
//! differs: a damaged or stale cache costs time, never a wrong answer.

use std::io::Write;
use std::path::PathBuf;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Version written into and required from every entry.
const VERSION: &str = env!("CARGO_PKG_VERSION");

#[derive(Serialize, Deserialize)]
struct Entry<T> {
    flakebpf: String,
    key: String,
    value: T,
}

/// The cache directory, or `None` when the cache is off.
pub fn dir() -> Option<PathBuf> {
    match std::env::var_os("FLAKEBPF_CACHE") {
        Some(d) if d.is_empty() => None,
        Some(d) => Some(PathBuf::from(d)),
        None => std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/flakebpf/facts")),
    }
}

/// File of the entry (`kind`, `key`): the key's checksum names it, the key
/// itself is checked on reading.
fn file(kind: &str, key: &str) -> Option<PathBuf> {
    Some(dir()?.join(format!("{kind}-{:08x}-{:x}.json", crc32fast::hash(key.as_bytes()), key.len())))
}

/// The value stored for (`kind`, `key`) by this flakebpf version, if any.
pub fn load<T: DeserializeOwned>(kind: &str, key: &str) -> Option<T> {
    let path = file(kind, key)?;
    let bytes = std::fs::read(&path).ok()?;
    match serde_json::from_slice::<Entry<T>>(&bytes) {
        Ok(e) if e.flakebpf == VERSION && e.key == key => Some(e.value),
        Ok(_) => None,
        Err(e) => {
            log::debug!("ignoring unreadable cache entry {}: {e}", path.display());
            None
        }
    }
}

/// Stores `value` for (`kind`, `key`). Failing to store is not an error
/// (the next start computes the value again).
pub fn store<T: Serialize>(kind: &str, key: &str, value: &T) {
    let Some(path) = file(kind, key) else { return };
    if let Err(e) = write_atomically(&path, &Entry { flakebpf: VERSION.to_string(), key: key.to_string(), value }) {
        log::debug!("cannot write cache entry {}: {e:#}", path.display());
    }
}

fn write_atomically<T: Serialize>(path: &std::path::Path, entry: &Entry<&T>) -> anyhow::Result<()> {
    let dir = path.parent().ok_or_else(|| anyhow::anyhow!("no parent directory"))?;
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    serde_json::to_writer(&mut tmp, entry)?;
    tmp.flush()?;
    tmp.persist(path)?;
    // Under sudo, what flakebpf writes belongs to the invoking user.
    let id = |v: &str| std::env::var(v).ok().and_then(|s| s.parse::<u32>().ok());
    if let (Some(uid), Some(gid)) = (id("SUDO_UID"), id("SUDO_GID")) {
        let _ = std::os::unix::fs::chown(dir, Some(uid), Some(gid));
        let _ = std::os::unix::fs::chown(path, Some(uid), Some(gid));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `f` with the cache in a fresh directory (tests in this module
    /// run one at a time: they share the process environment).
    fn with_cache_dir(f: impl FnOnce(&std::path::Path)) {
        static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
        let d = tempfile::tempdir().unwrap();
        std::env::set_var("FLAKEBPF_CACHE", d.path());
        f(d.path());
        std::env::remove_var("FLAKEBPF_CACHE");
    }

    #[test]
    fn stored_values_come_back_under_their_key_only() {
        with_cache_dir(|_| {
            store("t", "key-a", &vec![1u32, 2, 3]);
            assert_eq!(load::<Vec<u32>>("t", "key-a"), Some(vec![1, 2, 3]));
            assert_eq!(load::<Vec<u32>>("t", "key-b"), None);
            assert_eq!(load::<Vec<u32>>("u", "key-a"), None);
        });
    }

    #[test]
    fn damaged_or_foreign_entries_are_ignored() {
        with_cache_dir(|d| {
            store("t", "k", &7u64);
            let path = file("t", "k").unwrap();
            assert!(path.starts_with(d));
            std::fs::write(&path, b"{\"flakebpf\": \"0.0.0-other\", \"key\": \"k\", \"value\": 7}").unwrap();
            assert_eq!(load::<u64>("t", "k"), None, "another version's entry");
            std::fs::write(&path, b"{\"flakebpf\": \"").unwrap();
            assert_eq!(load::<u64>("t", "k"), None, "a truncated entry");
            store("t", "k", &8u64);
            assert_eq!(load::<u64>("t", "k"), Some(8), "rewritten in place");
        });
    }
}
