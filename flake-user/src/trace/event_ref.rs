//! Reading an event record without building it: the same bincode
//! encoding as [`Event`], decoded into types that borrow their strings and
//! byte buffers from the frame just read, with the stack written into a
//! buffer the caller reuses. An analysis reads millions of events and
//! drops most of what they carry (clock function names, syscall buffers);
//! this way an event costs no allocation, and only what is kept is copied.

use std::fmt;

use bincode::Options;
use serde::de::{self, DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;

use super::model::{EnvOp, Event, EventKind, RandomOp, RawFrame, Record, StackStatus};

/// [`EventKind`], with borrowed strings and buffers (same variants, same
/// order, same fields: the encodings are one).
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub enum EventKindRef<'a> {
    Clock {
        clock_id: i32,
        func: &'a str,
    },
    SyscallEnter {
        nr: u32,
        args: [u64; 6],
        #[serde(borrow)]
        path: Option<&'a str>,
        #[serde(borrow)]
        path2: Option<&'a str>,
        buf: &'a [u8],
    },
    SyscallExit {
        nr: u32,
        ret: i64,
        latency_ns: u64,
    },
    SchedOut {
        preempt: bool,
        state: u64,
    },
    SchedIn {
        off_cpu_ns: u64,
        was_preempted: bool,
    },
    Wakeup {
        wakee_tid: u32,
    },
    Sample,
    Gil {
        acquire: bool,
    },
    Env {
        op: EnvOp,
        name: &'a str,
        #[serde(borrow)]
        value: Option<&'a str>,
    },
    Random {
        op: RandomOp,
    },
    Fork {
        child: u32,
    },
    Exec {
        filename: &'a str,
    },
    Exit {
        code: i64,
    },
    PyCall {
        code: u64,
        exit: bool,
    },
}

/// [`Event`] without its stack (which is in the caller's buffer).
#[derive(Clone, Debug, PartialEq)]
pub struct EventRef<'a> {
    pub ts: u64,
    pub pid: u32,
    pub tid: u32,
    pub cpu: u32,
    pub kind: EventKindRef<'a>,
    pub stack_status: StackStatus,
}

/// One record: an event borrowed, anything else decoded whole.
#[derive(Debug)]
pub enum RecordRef<'a> {
    Event(EventRef<'a>),
    Other(Record),
}

impl EventKindRef<'_> {
    /// The owned [`EventKind`].
    pub fn to_owned(&self) -> EventKind {
        match *self {
            EventKindRef::Clock { clock_id, func } => EventKind::Clock { clock_id, func: func.to_string() },
            EventKindRef::SyscallEnter { nr, args, path, path2, buf } => EventKind::SyscallEnter {
                nr,
                args,
                path: path.map(str::to_string),
                path2: path2.map(str::to_string),
                buf: buf.to_vec(),
            },
            EventKindRef::SyscallExit { nr, ret, latency_ns } => EventKind::SyscallExit { nr, ret, latency_ns },
            EventKindRef::SchedOut { preempt, state } => EventKind::SchedOut { preempt, state },
            EventKindRef::SchedIn { off_cpu_ns, was_preempted } => EventKind::SchedIn { off_cpu_ns, was_preempted },
            EventKindRef::Wakeup { wakee_tid } => EventKind::Wakeup { wakee_tid },
            EventKindRef::Sample => EventKind::Sample,
            EventKindRef::Gil { acquire } => EventKind::Gil { acquire },
            EventKindRef::Env { op, name, value } => EventKind::Env { op, name: name.to_string(), value: value.map(str::to_string) },
            EventKindRef::Random { op } => EventKind::Random { op },
            EventKindRef::Fork { child } => EventKind::Fork { child },
            EventKindRef::Exec { filename } => EventKind::Exec { filename: filename.to_string() },
            EventKindRef::Exit { code } => EventKind::Exit { code },
            EventKindRef::PyCall { code, exit } => EventKind::PyCall { code, exit },
        }
    }
}

impl EventRef<'_> {
    /// The owned [`Event`], with `stack`.
    pub fn to_owned(&self, stack: &[RawFrame]) -> Event {
        Event { ts: self.ts, pid: self.pid, tid: self.tid, cpu: self.cpu, kind: self.kind.to_owned(), stack: stack.to_vec(), stack_status: self.stack_status }
    }
}

/// The bincode variant index of [`Record::Event`] (its first variant).
const EVENT_VARIANT: u32 = 0;

/// Whether the record frame `body` holds an event.
pub(super) fn is_event(body: &[u8]) -> bool {
    body.get(..4).is_some_and(|v| v == EVENT_VARIANT.to_le_bytes())
}

/// Decodes the event record frame `body` (`opts`: the format's bincode
/// options), borrowed from it, its stack written into `stack`.
pub(super) fn decode<'a>(opts: impl Options, body: &'a [u8], stack: &mut Vec<RawFrame>) -> bincode::Result<EventRef<'a>> {
    opts.deserialize_seed(EventSeed { stack }, &body[4..])
}

/// Deserializes an [`EventRef`], putting its stack in `stack`.
struct EventSeed<'s> {
    stack: &'s mut Vec<RawFrame>,
}

const EVENT_FIELDS: usize = 7;

impl<'de> DeserializeSeed<'de> for EventSeed<'_> {
    type Value = EventRef<'de>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        // a struct is a tuple of its fields in bincode
        d.deserialize_tuple(EVENT_FIELDS, self)
    }
}

impl<'de> Visitor<'de> for EventSeed<'_> {
    type Value = EventRef<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an event")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let missing = |i| de::Error::invalid_length(i, &"an event of 7 fields");
        let ts = seq.next_element()?.ok_or_else(|| missing(0))?;
        let pid = seq.next_element()?.ok_or_else(|| missing(1))?;
        let tid = seq.next_element()?.ok_or_else(|| missing(2))?;
        let cpu = seq.next_element()?.ok_or_else(|| missing(3))?;
        let kind = seq.next_element()?.ok_or_else(|| missing(4))?;
        seq.next_element_seed(StackSeed(self.stack))?.ok_or_else(|| missing(5))?;
        let stack_status = seq.next_element()?.ok_or_else(|| missing(6))?;
        Ok(EventRef { ts, pid, tid, cpu, kind, stack_status })
    }
}

/// Deserializes a stack into the buffer it holds, emptied first.
struct StackSeed<'s>(&'s mut Vec<RawFrame>);

impl<'de> DeserializeSeed<'de> for StackSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for StackSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a stack")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.0.clear();
        while let Some(frame) = seq.next_element::<RawFrame>()? {
            self.0.push(frame);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::format::tests::{all_records, encode, end, meta};
    use super::super::format::TraceReader;
    use super::*;

    #[test]
    fn every_record_reads_the_same_borrowed_as_whole() {
        let recs = all_records();
        assert!(recs.iter().filter(|r| matches!(r, Record::Event(_))).count() >= 14, "every kind of event");
        let bytes = encode(&recs, true);
        let mut r = TraceReader::from_reader(&bytes[..], "t").unwrap();
        let mut stack = vec![RawFrame { code: 1, instr: 2 }];
        let mut got = vec![];
        while let Some(rec) = r.next_ref(&mut stack) {
            got.push(match rec.unwrap() {
                RecordRef::Event(e) => Record::Event(e.to_owned(&stack)),
                RecordRef::Other(o) => o,
            });
        }
        assert_eq!(got, recs);
        assert_eq!(r.end(), Some(&end()));
        assert_eq!(r.meta(), &meta());
    }

    #[test]
    fn a_bad_event_kind_gives_the_whole_decoders_error() {
        // an unknown event kind after a valid frame checksum
        let mut body = vec![];
        body.extend_from_slice(&0u32.to_le_bytes());
        body.extend_from_slice(&[0u8; 20]);
        body.extend_from_slice(&99u32.to_le_bytes());
        let mut stack = vec![];
        assert!(is_event(&body));
        let err = decode(bincode::DefaultOptions::new().with_fixint_encoding(), &body, &mut stack).unwrap_err();
        let whole = bincode::DefaultOptions::new().with_fixint_encoding().deserialize::<Record>(&body).unwrap_err();
        assert_eq!(err.to_string(), whole.to_string());
    }
}
