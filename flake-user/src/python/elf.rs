//! A small, generic view of one ELF file: its symbols (`.dynsym` and
//! `.symtab`, so static functions are found too), its loadable segments
//! (link-time address → file offset, as uprobes want), a few dynamic-section
//! facts (DT_NEEDED, RUNPATH) and the raw bytes behind a link-time address.
//! Files are mapped, not read: indexing a 23 MB libpython touches its
//! symbol tables and headers only (reading it whole took ~25 ms at every
//! start-up).
//!
//! Nothing here knows about CPython; the `probes` module uses it for libc
//! as well.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use object::elf;
use object::read::elf::Sym as _;
use object::read::elf::{Dyn as _, ElfFile64, FileHeader as _, ProgramHeader as _};
use object::{Endianness, Object, ObjectSection, ObjectSymbol};

/// Why an ELF file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ElfError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not a 64-bit ELF file: {msg}")]
    Parse { path: PathBuf, msg: String },
}

/// One defined symbol.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ElfSymbol {
    pub name: String,
    /// Link-time virtual address.
    pub vaddr: u64,
    pub size: u64,
    /// `STT_FUNC` (or `STT_GNU_IFUNC`).
    pub is_function: bool,
    /// `STT_GNU_IFUNC`: the address is that of the resolver, not of the implementation.
    pub is_ifunc: bool,
    /// Found in `.dynsym` (exported), not only in `.symtab`.
    pub is_dynamic: bool,
}

/// Files [`ElfSymbols::open_shared`] keeps: (path, (device, inode, size,
/// mtime s, mtime ns), contents), most recent first.
type Recent = Vec<(PathBuf, (u64, u64, u64, i64, i64), Arc<ElfSymbols>)>;
static RECENT: Mutex<Recent> = Mutex::new(Vec::new());
/// How many files [`ElfSymbols::open_shared`] keeps.
const RECENT_MAX: usize = 2;

/// A `PT_LOAD` segment.
#[derive(Clone, Copy, Debug)]
struct Segment {
    vaddr: u64,
    memsz: u64,
    offset: u64,
    filesz: u64,
}

/// The bytes of an ELF file: mapped from disk, or handed over in memory.
enum Bytes {
    Mapped(memmap2::Mmap),
    Owned(Vec<u8>),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Mapped(m) => m,
            Bytes::Owned(v) => v,
        }
    }
}

/// An opened ELF file (its bytes stay mapped, or in memory).
pub struct ElfSymbols {
    path: PathBuf,
    data: Bytes,
    symbols: Vec<ElfSymbol>,
    by_name: HashMap<String, usize>,
    segments: Vec<Segment>,
    needed: Vec<String>,
    runpath: Vec<String>,
    is_exec: bool,
    build_id: Option<Vec<u8>>,
    debuglink: Option<String>,
    has_dwarf: bool,
}

impl std::fmt::Debug for ElfSymbols {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ElfSymbols")
            .field("path", &self.path)
            .field("symbols", &self.symbols.len())
            .field("needed", &self.needed)
            .finish_non_exhaustive()
    }
}

impl ElfSymbols {
    /// Maps and indexes `path`.
    pub fn open(path: &Path) -> Result<Self, ElfError> {
        let io = |source| ElfError::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = std::fs::File::open(path).map_err(io)?;
        // SAFETY: the mapping is read-only and private. A binary rewritten in
        // place while flakebpf runs could change the bytes under it (an
        // install replaces files by renaming new ones into place, which
        // leaves this mapping on the old file).
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(io)?;
        Self::index(path, Bytes::Mapped(map))
    }

    /// Like [`ElfSymbols::open`], but the last few files opened this way
    /// are kept and shared while unchanged on disk: setting up a build
    /// reads its libpython for the inspection, the uprobe sites and the
    /// segments in a row, and each read and index costs tens of ms.
    pub fn open_shared(path: &Path) -> Result<Arc<Self>, ElfError> {
        use std::os::unix::fs::MetadataExt;
        let io = |source| ElfError::Io { path: path.to_path_buf(), source };
        let m = std::fs::metadata(path).map_err(io)?;
        let stamp = (m.dev(), m.ino(), m.len(), m.mtime(), m.mtime_nsec());
        let mut recent = RECENT.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = recent.iter().position(|(p, st, _)| p == path && *st == stamp) {
            let hit = recent.remove(i);
            let elf = hit.2.clone();
            recent.insert(0, hit);
            return Ok(elf);
        }
        log::debug!("reading {}", path.display());
        let elf = Arc::new(Self::open(path)?);
        recent.insert(0, (path.to_path_buf(), stamp, elf.clone()));
        recent.truncate(RECENT_MAX);
        Ok(elf)
    }

    /// Indexes an ELF image already in memory (`path` is only for messages).
    pub fn from_bytes(path: &Path, data: Vec<u8>) -> Result<Self, ElfError> {
        Self::index(path, Bytes::Owned(data))
    }

    fn index(path: &Path, data: Bytes) -> Result<Self, ElfError> {
        let perr = |msg: String| ElfError::Parse {
            path: path.to_path_buf(),
            msg,
        };
        let file = ElfFile64::<Endianness>::parse(&*data).map_err(|e| perr(e.to_string()))?;
        let endian = file.endian();
        let header = file.elf_header();
        let is_exec = header.e_type(endian) == elf::ET_EXEC;

        let segments = file
            .elf_program_headers()
            .iter()
            .filter(|ph| ph.p_type(endian) == elf::PT_LOAD)
            .map(|ph| Segment {
                vaddr: ph.p_vaddr(endian),
                memsz: ph.p_memsz(endian),
                offset: ph.p_offset(endian),
                filesz: ph.p_filesz(endian),
            })
            .collect();

        let mut symbols = Vec::new();
        let mut by_name = HashMap::new();
        let mut add = |sym: object::read::elf::ElfSymbol64<'_, '_, Endianness>, dynamic: bool| {
            // Defined functions (IFUNCs too), objects and untyped labels;
            // not sections, files or TLS offsets.
            let raw = sym.elf_symbol();
            let st_type = raw.st_type();
            if raw.st_shndx(endian) == elf::SHN_UNDEF
                || !matches!(
                    st_type,
                    elf::STT_FUNC | elf::STT_GNU_IFUNC | elf::STT_OBJECT | elf::STT_NOTYPE
                )
            {
                return;
            }
            let Ok(name) = sym.name() else { return };
            if name.is_empty() {
                return;
            }
            let idx = symbols.len();
            match by_name.get(name) {
                Some(&i) => {
                    let prev: &mut ElfSymbol = &mut symbols[i];
                    prev.is_dynamic |= dynamic;
                    return;
                }
                None => {
                    by_name.insert(name.to_string(), idx);
                }
            }
            symbols.push(ElfSymbol {
                name: name.to_string(),
                vaddr: sym.address(),
                size: sym.size(),
                is_function: st_type == elf::STT_FUNC || st_type == elf::STT_GNU_IFUNC,
                is_ifunc: st_type == elf::STT_GNU_IFUNC,
                is_dynamic: dynamic,
            });
        };
        for sym in file.dynamic_symbols() {
            add(sym, true);
        }
        for sym in file.symbols() {
            add(sym, false);
        }

        let mut needed = Vec::new();
        let mut runpath = Vec::new();
        let sections = file.elf_section_table();
        if let Ok(Some((dyns, link))) = sections.dynamic(endian, &*data) {
            if let Ok(strings) = sections.strings(endian, &*data, link) {
                for d in dyns {
                    let Some(tag) = d.tag32(endian) else { continue };
                    if !d.is_string(endian) {
                        continue;
                    }
                    let Ok(s) = d.string(endian, strings) else {
                        continue;
                    };
                    let s = String::from_utf8_lossy(s).into_owned();
                    match tag {
                        elf::DT_NEEDED => needed.push(s),
                        elf::DT_RUNPATH | elf::DT_RPATH => {
                            runpath.extend(s.split(':').filter(|p| !p.is_empty()).map(String::from))
                        }
                        _ => {}
                    }
                }
            }
        }
        let build_id = file.build_id().ok().flatten().map(|b| b.to_vec());
        let debuglink = file
            .gnu_debuglink()
            .ok()
            .flatten()
            .map(|(name, _)| String::from_utf8_lossy(name).into_owned());
        let has_dwarf = file
            .section_by_name(".debug_info")
            .is_some_and(|s| s.size() > 0);
        Ok(ElfSymbols {
            path: path.to_path_buf(),
            data,
            symbols,
            by_name,
            segments,
            needed,
            runpath,
            is_exec,
            build_id,
            debuglink,
            has_dwarf,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The whole file.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// A defined symbol by exact name (`.dynsym` first, then `.symtab`).
    pub fn lookup(&self, name: &str) -> Option<&ElfSymbol> {
        self.by_name.get(name).map(|&i| &self.symbols[i])
    }

    /// Defined symbols whose name contains `needle`, in table order.
    pub fn find_containing(&self, needle: &str) -> Vec<&ElfSymbol> {
        self.symbols
            .iter()
            .filter(|s| s.name.contains(needle))
            .collect()
    }

    /// Every defined symbol.
    pub fn symbols(&self) -> &[ElfSymbol] {
        &self.symbols
    }

    /// The symbol whose `[vaddr, vaddr+size)` holds `vaddr` (functions first).
    pub fn symbol_at(&self, vaddr: u64) -> Option<&ElfSymbol> {
        self.symbols
            .iter()
            .filter(|s| s.size > 0 && s.vaddr <= vaddr && vaddr < s.vaddr + s.size)
            .max_by_key(|s| s.is_function)
    }

    /// File offset of a link-time address (for uprobe attach), if the
    /// address is backed by file bytes of a `PT_LOAD` segment.
    pub fn vaddr_to_offset(&self, vaddr: u64) -> Option<u64> {
        self.segments
            .iter()
            .find(|s| s.vaddr <= vaddr && vaddr < s.vaddr + s.filesz)
            .map(|s| s.offset + (vaddr - s.vaddr))
    }

    /// Link-time address of a file offset inside a `PT_LOAD` segment (the
    /// inverse of [`ElfSymbols::vaddr_to_offset`], for reading memory maps).
    /// The loadable segments as (file offset, link-time address, bytes in
    /// the file), e.g. to find a load bias from `/proc/PID/maps` later
    /// without keeping the file.
    pub fn file_segments(&self) -> Vec<(u64, u64, u64)> {
        self.segments.iter().map(|s| (s.offset, s.vaddr, s.filesz)).collect()
    }

    pub fn offset_to_vaddr(&self, offset: u64) -> Option<u64> {
        self.segments
            .iter()
            .find(|s| s.offset <= offset && offset < s.offset + s.filesz.max(1))
            .map(|s| s.vaddr + (offset - s.offset))
    }

    /// Names of the symbols the dynamic relocations bind GOT slots to
    /// (link-time address of the slot → name), e.g. to tell which function
    /// a PLT stub (`jmp [rip+slot]`) jumps to. Parsed on each call: for the
    /// few look-ups of planning, not for a hot path.
    pub fn got_names(&self) -> HashMap<u64, String> {
        let mut out = HashMap::new();
        let Ok(file) = ElfFile64::<Endianness>::parse(&*self.data) else { return out };
        let (Some(relocs), Some(dynsyms)) = (file.dynamic_relocations(), file.dynamic_symbol_table()) else { return out };
        use object::ObjectSymbolTable;
        for (slot, r) in relocs {
            if let object::RelocationTarget::Symbol(idx) = r.target() {
                if let Ok(name) = dynsyms.symbol_by_index(idx).and_then(|s| s.name().map(str::to_string)) {
                    if !name.is_empty() {
                        out.insert(slot, name);
                    }
                }
            }
        }
        out
    }

    /// `len` bytes at a link-time address, as initialised in the file.
    /// Bytes of `.bss` (in memory, not in the file) read as zero; `None`
    /// when the range is not inside one loadable segment.
    pub fn read_vaddr(&self, vaddr: u64, len: usize) -> Option<Vec<u8>> {
        let seg = self
            .segments
            .iter()
            .find(|s| s.vaddr <= vaddr && vaddr.saturating_add(len as u64) <= s.vaddr + s.memsz)?;
        let mut out = vec![0u8; len];
        let rel = vaddr - seg.vaddr;
        if rel < seg.filesz {
            let n = ((seg.filesz - rel) as usize).min(len);
            let start = (seg.offset + rel) as usize;
            out[..n].copy_from_slice(self.data.get(start..start + n)?);
        }
        Some(out)
    }

    /// The initialised bytes of a symbol (`None` if it has no size or is outside the file).
    pub fn symbol_data(&self, name: &str) -> Option<Vec<u8>> {
        let s = self.lookup(name)?;
        if s.size == 0 {
            return None;
        }
        self.read_vaddr(s.vaddr, s.size as usize)
    }

    /// DT_NEEDED entries.
    pub fn needed(&self) -> &[String] {
        &self.needed
    }

    /// DT_RUNPATH / DT_RPATH directories, unexpanded (`$ORIGIN` kept).
    pub fn runpath(&self) -> &[String] {
        &self.runpath
    }

    /// `ET_EXEC` (non-PIE executable: link-time addresses are run-time addresses).
    pub fn is_exec(&self) -> bool {
        self.is_exec
    }

    pub fn build_id(&self) -> Option<&[u8]> {
        self.build_id.as_deref()
    }

    /// The `.gnu_debuglink` file name, if any.
    pub fn debuglink(&self) -> Option<&str> {
        self.debuglink.as_deref()
    }

    /// The file has a non-empty `.debug_info`.
    pub fn has_dwarf(&self) -> bool {
        self.has_dwarf
    }

    /// Where separate debug info for this file may live
    /// (`/usr/lib/debug/.build-id/xx/rest.debug`, debuglink next to the
    /// file, under `.debug/`, under `/usr/lib/debug/<dir>`), existing files only.
    pub fn separate_debug_files(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        if let Some(id) = self.build_id.as_deref().filter(|id| id.len() > 1) {
            let hex: String = id.iter().map(|b| format!("{b:02x}")).collect();
            out.push(PathBuf::from(format!(
                "/usr/lib/debug/.build-id/{}/{}.debug",
                &hex[..2],
                &hex[2..]
            )));
        }
        if let Some(link) = &self.debuglink {
            let dir = self.path.parent().unwrap_or(Path::new("/"));
            out.push(dir.join(link));
            out.push(dir.join(".debug").join(link));
            let rel = dir.strip_prefix("/").unwrap_or(dir);
            out.push(Path::new("/usr/lib/debug").join(rel).join(link));
        }
        out.retain(|p| p.is_file() && p != &self.path);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn libc() -> Option<PathBuf> {
        [
            "/lib/x86_64-linux-gnu/libc.so.6",
            "/usr/lib/x86_64-linux-gnu/libc.so.6",
        ]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
    }

    #[test]
    fn libc_clock_gettime() {
        let Some(p) = libc() else { return };
        let e = ElfSymbols::open(&p).unwrap();
        let s = e.lookup("clock_gettime").expect("clock_gettime");
        assert!(s.is_function && s.size > 0);
        let off = e.vaddr_to_offset(s.vaddr).unwrap();
        // For libc the text segment maps file offset == vaddr.
        assert_eq!(off, s.vaddr);
        assert!(!e.is_exec());
        assert!(!e.find_containing("gettimeofday").is_empty());
    }

    #[test]
    fn static_symbols_of_random_module() {
        let p = Path::new(
            "/root/.pyenv/versions/3.11.7/lib/python3.11/lib-dynload/_random.cpython-311-x86_64-linux-gnu.so",
        );
        if !p.exists() {
            return;
        }
        let e = ElfSymbols::open(p).unwrap();
        let s = e
            .lookup("_random_Random_random")
            .expect("static function in .symtab");
        assert!(!s.is_dynamic && s.is_function);
        assert!(e.lookup("PyInit__random").unwrap().is_dynamic);
    }

    #[test]
    fn non_pie_exec() {
        let p = Path::new("/usr/bin/python3.11");
        if !p.exists() {
            return;
        }
        let e = ElfSymbols::open(p).unwrap();
        assert!(e.is_exec());
        let rt = e.lookup("_PyRuntime").unwrap();
        assert!(rt.vaddr > 0x400000);
        assert!(e.read_vaddr(rt.vaddr, 16).is_some());
    }
}
