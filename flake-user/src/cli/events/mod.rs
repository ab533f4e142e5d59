//! `flakebpf events FILE [--json]`: a trace, one event a line, in words
//! (or as JSON Lines, see `trace/FORMAT.md`).
//!
//! Streams: records are read one at a time and printed through a bounded
//! window, which serves two ends: a syscall entry waits there for its exit
//! (same tid) so that one line shows both, and a stack is resolved only when
//! its line leaves the window, so code records the kernel sent just after
//! the event that first saw them still apply.
//!
//! Here the entry points; `window` holds the window, `describe` puts each
//! record in words and fields, `fields` decodes syscall arguments and
//! `format` writes the lines.

mod describe;
mod fields;
mod format;
#[cfg(test)]
mod test_util;
mod window;

use std::io::{self, Read, Write};
use std::path::Path;

use crate::trace::format::{TraceError, TraceReader};
use crate::trace::symbols::{python_decoder, LineDecoder};

pub use format::{fmt_dur, frame_line};
use window::Printer;

/// `flakebpf events FILE [--json]`: [`run`] with CPython's line decoder
/// for the trace's interpreter version.
pub fn run_file(path: &Path, json: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let reader = TraceReader::open(path)?;
    let decoder = python_decoder(reader.meta());
    render(reader, json, out, decoder)
}

/// Prints the trace at `path` to `out`: in words, or as JSON Lines.
pub fn run(
    path: &Path,
    json: bool,
    out: &mut dyn Write,
    decoder: Box<dyn LineDecoder>,
) -> anyhow::Result<()> {
    let reader = TraceReader::open(path)?;
    render(reader, json, out, decoder)
}

/// [`run`] on an open reader.
pub fn render<R: Read>(
    mut reader: TraceReader<R>,
    json: bool,
    out: &mut dyn Write,
    decoder: Box<dyn LineDecoder>,
) -> anyhow::Result<()> {
    let mut p = Printer::new(reader.meta().clone(), json, decoder);
    let mut buffered = io::BufWriter::with_capacity(64 << 10, out);
    let res = print_all(&mut p, &mut reader, &mut buffered);
    match res {
        // `flakebpf events x | head` is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(e.into()),
        Ok(Some(e)) if e.is_truncation() => {
            log::warn!("{}", reader.warning().unwrap_or_else(|| e.to_string()));
            Ok(())
        }
        Ok(Some(e)) => Err(e.into()),
        Ok(None) => {
            if let Some(w) = reader.warning() {
                log::warn!("{w}");
            }
            Ok(())
        }
    }
}

fn print_all<R: Read>(
    p: &mut Printer,
    reader: &mut TraceReader<R>,
    out: &mut dyn Write,
) -> io::Result<Option<TraceError>> {
    p.header(out, reader.path())?;
    let mut err = None;
    for rec in &mut *reader {
        match rec {
            Ok(rec) => p.push(rec, out)?,
            Err(e) => {
                err = Some(e);
                break;
            }
        }
    }
    p.drain(out, true)?;
    p.footer(out, reader.end(), reader.warning(), err.as_ref())?;
    out.flush()?;
    Ok(err)
}

#[cfg(test)]
mod tests {
    use super::test_util::*;
    use super::*;

    #[test]
    fn truncated_and_corrupt_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.trace");
        let mut w = TraceWriter::create(&path, &meta()).unwrap();
        w.write(&ev(1, 101, EventKind::Sample)).unwrap();
        w.write(&ev(2, 101, EventKind::Sample)).unwrap();
        w.finish(end()).unwrap();
        let full = std::fs::read(&path).unwrap();
        // Cut inside the end frame: readable, warning, Ok.
        std::fs::write(&path, &full[..full.len() - 3]).unwrap();
        let mut out = Vec::new();
        run(&path, false, &mut out, Box::new(NoLines)).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(body(&s).len(), 2);
        assert!(
            s.contains("warning: ") && s.contains("partial frame at byte offset"),
            "{s}"
        );
        // Corrupt: error line and Err.
        let mut bad = full.clone();
        let n = bad.len();
        bad[n - 20] ^= 0xff;
        std::fs::write(&path, &bad).unwrap();
        let mut out = Vec::new();
        let e = run(&path, true, &mut out, Box::new(NoLines)).unwrap_err();
        assert!(
            e.to_string().contains("corrupt frame at byte offset"),
            "{e}"
        );
        let s = String::from_utf8(out).unwrap();
        let last: Value = serde_json::from_str(s.lines().last().unwrap()).unwrap();
        assert!(last["error"]
            .as_str()
            .unwrap()
            .contains("checksum mismatch"));
        // Not a trace.
        std::fs::write(&path, b"{}").unwrap();
        let e = run(&path, false, &mut Vec::new(), Box::new(NoLines)).unwrap_err();
        assert!(e.to_string().ends_with("not a flakebpf trace (bad magic)"));
    }

    #[test]
    fn broken_pipe_is_quiet() {
        struct Pipe;
        impl Write for Pipe {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut bytes = Vec::new();
        TraceWriter::to_writer(&mut bytes, &meta())
            .unwrap()
            .finish(end())
            .unwrap();
        let reader = TraceReader::from_reader(&bytes[..], "t").unwrap();
        render(reader, false, &mut Pipe, Box::new(NoLines)).unwrap();
    }
}
