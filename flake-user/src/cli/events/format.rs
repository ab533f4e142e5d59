//! Text and JSON formatting of the trace: header, footer, one line per
//! record, and the small value formatters they share.

use std::io::{self, Write};
use std::path::Path;

use serde_json::{json, Map, Value};

use super::window::{Item, Printer};
use crate::trace::format::{TraceError, FORMAT_VERSION};
use crate::trace::model::TraceEnd;
use crate::trace::symbols::PyFrame;
use crate::trace::syscalls as sc;
use crate::trace::time::{iso8601_utc, rel_ms, wall_ns};

impl Printer {
    pub(super) fn header(&self, out: &mut dyn Write, path: &Path) -> io::Result<()> {
        let m = &self.meta;
        if self.json {
            let line = json!({ "meta": m, "format_version": FORMAT_VERSION });
            return writeln!(out, "{line}");
        }
        writeln!(out, "trace:   {}", path.display())?;
        writeln!(out, "command: {}", shell_join(&m.command))?;
        writeln!(out, "cwd:     {}", m.cwd)?;
        let py = if m.python.is_empty() {
            "(none found)"
        } else {
            &m.python
        };
        if m.python_exe.is_empty() {
            writeln!(out, "python:  {py}")?;
        } else {
            writeln!(out, "python:  {py} ({})", m.python_exe)?;
        }
        writeln!(out, "start:   {}", iso8601_utc(wall_ns(m, m.start_ns)))?;
        let sample = if m.sample_hz == 0 {
            "off".to_string()
        } else {
            format!("{} Hz", m.sample_hz)
        };
        writeln!(
            out,
            "root:    pid {}, sampling {}, deep mode {}, recorded by flakebpf {}",
            m.root_pid,
            sample,
            if m.deep { "on" } else { "off" },
            m.tool_version
        )?;
        writeln!(out)
    }

    pub(super) fn footer(
        &self,
        out: &mut dyn Write,
        end: Option<&TraceEnd>,
        warning: Option<String>,
        err: Option<&TraceError>,
    ) -> io::Result<()> {
        let bad = err.filter(|e| !e.is_truncation());
        if self.json {
            let line = match (end, bad) {
                (Some(e), None) => json!({ "end": e, "truncated": false }),
                (_, Some(b)) => json!({ "end": null, "truncated": true, "error": b.to_string() }),
                (None, None) => json!({ "end": null, "truncated": true, "warning": warning }),
            };
            return writeln!(out, "{line}");
        }
        writeln!(out)?;
        if let Some(b) = bad {
            return writeln!(out, "error: {b}");
        }
        match end {
            Some(e) => {
                let mut s = format!(
                    "end:     after {:.3} ms, ",
                    (e.end_ns as i128 - self.meta.start_ns as i128) as f64 / 1e6
                );
                match (e.exit_code, e.signal) {
                    (_, Some(sig)) => {
                        s += &format!("killed by {}", sc::signal_display(i64::from(sig)))
                    }
                    (Some(c), None) => s += &format!("exit code {c}"),
                    (None, None) => s += "exit status unknown",
                }
                s += &format!(", {} events", e.events);
                if e.lost_events > 0 {
                    s += &format!(", {} LOST (ring buffer full)", e.lost_events);
                }
                if e.timed_out {
                    s += ", stopped: time limit exceeded";
                }
                if e.interrupted {
                    s += ", interrupted";
                }
                writeln!(out, "{s}")
            }
            None => writeln!(
                out,
                "warning: {}",
                warning.unwrap_or_else(|| "trace is truncated (no end record)".into())
            ),
        }
    }

    pub(super) fn print(&self, item: &Item, out: &mut dyn Write) -> io::Result<()> {
        let Some(d) = self.describe(item) else {
            return Ok(());
        };
        if self.json {
            let mut o = Map::new();
            o.insert("ts_ns".into(), json!(d.ts));
            o.insert("t_ms".into(), json!(round3(rel_ms(&self.meta, d.ts))));
            if let Some(ev) = d.ev {
                o.insert("pid".into(), json!(ev.pid));
                o.insert("tid".into(), json!(ev.tid));
                o.insert("cpu".into(), json!(ev.cpu));
            }
            o.insert("kind".into(), json!(d.kind));
            for f in &d.fields {
                f.val.to_json(f.key, &mut o);
            }
            o.extend(d.extra);
            let mut line = serde_json::to_vec(&Value::Object(o))?;
            if let Some(ev) = d.ev {
                // Stacks are the bulk: serialise them straight from the
                // symboliser's borrowed frames.
                line.pop(); // the closing brace
                line.extend_from_slice(b",\"stack\":[");
                for (i, f) in self.sym.frames(ev).enumerate() {
                    if i > 0 {
                        line.push(b',');
                    }
                    let (file, function) = (f.filename(), f.qualname());
                    let jf = JsonFrame {
                        file: &file,
                        line: f.line,
                        function: &function,
                    };
                    serde_json::to_writer(&mut line, &jf)?;
                }
                line.extend_from_slice(b"],\"stack_status\":[");
                let s = &ev.stack_status;
                let mut first = true;
                for (on, name) in [
                    (s.no_python, "no_python"),
                    (s.no_tstate, "no_tstate"),
                    (s.truncated, "truncated"),
                    (s.read_error, "read_error"),
                    (s.runner_cut, "runner_cut"),
                ] {
                    if on {
                        if !first {
                            line.push(b',');
                        }
                        first = false;
                        line.extend_from_slice(format!("\"{name}\"").as_bytes());
                    }
                }
                line.extend_from_slice(b"]}");
            }
            line.push(b'\n');
            return out.write_all(&line);
        }
        let t = rel_ms(&self.meta, d.ts);
        let who = match d.ev {
            Some(ev) => format!("{}/{}", ev.pid, ev.tid),
            None => "-".to_string(),
        };
        writeln!(out, "{t:>10.3} ms  {who}  {}", d.text)?;
        if let Some(ev) = d.ev {
            for f in self.sym.frames(ev) {
                writeln!(out, "    {f}")?;
            }
            if ev.stack_status.truncated {
                writeln!(out, "    ... (deeper frames not walked)")?;
            }
            if ev.stack_status.read_error {
                writeln!(out, "    ... (a frame could not be read)")?;
            }
            if ev.stack_status.runner_cut {
                writeln!(out, "    ... (pytest's hook machinery)")?;
            }
        }
        Ok(())
    }
}

pub(super) fn ret_json(ret: Option<(i64, u64)>, o: &mut Map<String, Value>) {
    match ret {
        Some((ret, lat)) => {
            o.insert("ret".into(), json!(ret));
            o.insert(
                "errno".into(),
                match sc::split_ret(ret) {
                    Err(e) => json!(sc::errno_display(e)),
                    Ok(_) => Value::Null,
                },
            );
            o.insert("latency_ns".into(), json!(lat));
            o.insert("returned".into(), json!(true));
        }
        None => {
            o.insert("ret".into(), Value::Null);
            o.insert("errno".into(), Value::Null);
            o.insert("latency_ns".into(), Value::Null);
            o.insert("returned".into(), json!(false));
        }
    }
}

pub(super) fn ret_text(ret: i64) -> String {
    match sc::split_ret(ret) {
        Ok(v) => v.to_string(),
        Err(e) => format!("-1 {}", sc::errno_display(e)),
    }
}

pub(super) fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// `/p/x.py:12 test_it` (`?` for an unknown line).
pub fn frame_line(f: &PyFrame) -> String {
    f.to_string()
}

/// One stack element of the JSON form.
#[derive(serde::Serialize)]
pub(super) struct JsonFrame<'a> {
    file: &'a str,
    line: Option<u32>,
    function: &'a str,
}

/// A duration in the most readable unit.
pub fn fmt_dur(ns: i64) -> String {
    let a = ns.unsigned_abs();
    let sign = if ns < 0 { "-" } else { "" };
    if a < 1_000 {
        format!("{sign}{a} ns")
    } else if a < 1_000_000 {
        format!("{sign}{:.1} us", a as f64 / 1e3)
    } else if a < 1_000_000_000 {
        format!("{sign}{:.3} ms", a as f64 / 1e6)
    } else {
        format!("{sign}{:.3} s", a as f64 / 1e9)
    }
}

/// The kernel's `prev_state` in ps letters.
pub(super) fn task_state(state: u64) -> &'static str {
    if state == 0 {
        "R running"
    } else if state & 0x402 == 0x402 {
        "I idle"
    } else if state & 1 != 0 {
        "S sleeping"
    } else if state & 2 != 0 {
        "D uninterruptible"
    } else if state & 4 != 0 {
        "T stopped"
    } else if state & 8 != 0 {
        "t traced"
    } else if state & 0x30 != 0 {
        "X exiting"
    } else {
        "other"
    }
}

fn shell_join(argv: &[String]) -> String {
    argv.iter()
        .map(|a| {
            let plain = !a.is_empty()
                && a.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_./=:,+@%".contains(&b));
            if plain {
                a.clone()
            } else {
                format!("'{}'", a.replace('\'', r"'\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use super::*;

    #[test]
    fn header_and_footer() {
        let s = render_recs(&[], true, false);
        assert_eq!(
            s,
            "trace:   run.trace\n\
             command: python -m pytest tests/test_x.py\n\
             cwd:     /home/u/proj\n\
             python:  3.11.7 (/usr/bin/python3.11)\n\
             start:   2023-11-14T22:13:25.000000000Z\n\
             root:    pid 100, sampling 99 Hz, deep mode off, recorded by flakebpf 0.1.0\n\
             \n\
             \n\
             end:     after 1000.000 ms, exit code 1, 15 events, 3 LOST (ring buffer full)\n"
        );
        let s = render_recs(&[], false, false);
        assert!(s.contains(
            "\n\nwarning: run.trace: trace is truncated: it has no end record, so the run or its \
             recorder was cut short; 0 records read up to byte offset "
        ), "{s}");
        assert_eq!(
            shell_join(&["a b".into(), "it's".into(), "x=1".into()]),
            "'a b' 'it'\\''s' x=1"
        );
    }

    #[test]
    fn json_meta_and_end_lines() {
        let s = render_recs(&[], true, true);
        let lines: Vec<Value> = s
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["meta"], serde_json::to_value(meta()).unwrap());
        assert_eq!(lines[0]["format_version"], FORMAT_VERSION);
        assert_eq!(lines[1]["end"], serde_json::to_value(end()).unwrap());
        assert_eq!(lines[1]["truncated"], false);
        let s = render_recs(&[ev(1, 101, EventKind::Sample)], false, true);
        let last: Value = serde_json::from_str(s.lines().last().unwrap()).unwrap();
        assert_eq!(last["end"], Value::Null);
        assert_eq!(last["truncated"], true);
        assert!(last["warning"].as_str().unwrap().contains("1 records read"));
        assert_eq!(s.lines().count(), 3);
    }

    #[test]
    fn durations() {
        assert_eq!(fmt_dur(999), "999 ns");
        assert_eq!(fmt_dur(1_500), "1.5 us");
        assert_eq!(fmt_dur(2_000_000), "2.000 ms");
        assert_eq!(fmt_dur(3_000_000_000), "3.000 s");
        assert_eq!(fmt_dur(-2_000_000), "-2.000 ms");
    }
}
