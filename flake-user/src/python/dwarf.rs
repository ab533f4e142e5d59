//! Struct layouts from an ELF file's DWARF (`.debug_info`), via gimli.
//!
//! Only the named top-level struct/union types (or typedefs of them) are
//! looked up; the scan walks the top-level DIEs of each compilation unit and
//! stops as soon as every wanted type has been found. Nested struct and
//! union members are flattened into dotted paths (`interpreters.head`);
//! members of anonymous unions/structs keep the parent's prefix.
//! Knows nothing about CPython beyond being handed type names.

use std::collections::HashMap;

use gimli::{AttributeValue, EndianSlice, LittleEndian, UnitOffset};
use object::{Object, ObjectSection};

type R<'a> = EndianSlice<'a, LittleEndian>;

/// One member of a struct layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Member {
    /// Byte offset from the start of the outermost struct.
    pub offset: u64,
    /// Byte size of the member's type, when DWARF gives it (not for arrays).
    pub size: Option<u64>,
    /// The member's type is a pointer.
    pub is_pointer: bool,
}

/// A struct's size and flattened members.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    pub size: Option<u64>,
    pub members: HashMap<String, Member>,
}

impl Layout {
    pub fn get(&self, path: &str) -> Option<Member> {
        self.members.get(path).copied()
    }
    pub fn offset(&self, path: &str) -> Option<u64> {
        self.get(path).map(|m| m.offset)
    }
}

/// Layouts of the wanted types found in `elf_data`'s DWARF, keyed by the
/// wanted name (struct tag or typedef name). `Ok(empty)` when the file has
/// no DWARF; names not found are simply absent.
pub fn layouts(elf_data: &[u8], wanted: &[&str]) -> Result<HashMap<String, Layout>, String> {
    let file = object::File::parse(elf_data).map_err(|e| e.to_string())?;
    if file
        .section_by_name(".debug_info")
        .is_none_or(|s| s.size() == 0)
    {
        return Ok(HashMap::new());
    }
    let load = |id: gimli::SectionId| -> Result<R<'_>, String> {
        let data = file
            .section_by_name(id.name())
            .and_then(|s| s.data().ok())
            .unwrap_or(&[]);
        Ok(EndianSlice::new(data, LittleEndian))
    };
    let dwarf = gimli::Dwarf::load(load)?;
    let mut out: HashMap<String, Layout> = HashMap::new();
    let mut units = dwarf.units();
    while let Some(header) = units.next().map_err(|e| e.to_string())? {
        if out.len() == wanted.len() {
            break;
        }
        let unit = dwarf.unit(header).map_err(|e| e.to_string())?;
        // Top-level pass: wanted name -> offset of the struct DIE.
        let mut found: Vec<(String, UnitOffset)> = Vec::new();
        let mut tree = unit.entries_tree(None).map_err(|e| e.to_string())?;
        let root = tree.root().map_err(|e| e.to_string())?;
        let mut children = root.children();
        while let Some(child) = children.next().map_err(|e| e.to_string())? {
            let e = child.entry();
            let tag = e.tag();
            if tag != gimli::DW_TAG_structure_type
                && tag != gimli::DW_TAG_typedef
                && tag != gimli::DW_TAG_union_type
            {
                continue;
            }
            let Some(name_attr) = e.attr_value(gimli::DW_AT_name).ok().flatten() else {
                continue;
            };
            let Ok(name) = dwarf.attr_string(&unit, name_attr) else {
                continue;
            };
            let Ok(name) = name.to_string() else { continue };
            if !wanted.contains(&name) || out.contains_key(name) {
                continue;
            }
            if tag == gimli::DW_TAG_typedef {
                if let Some(AttributeValue::UnitRef(t)) =
                    e.attr_value(gimli::DW_AT_type).ok().flatten()
                {
                    found.push((name.to_string(), t));
                }
            } else {
                if matches!(
                    e.attr_value(gimli::DW_AT_declaration).ok().flatten(),
                    Some(AttributeValue::Flag(true))
                ) {
                    continue;
                }
                found.push((name.to_string(), e.offset()));
            }
        }
        for (name, off) in found {
            if out.contains_key(&name) {
                continue;
            }
            let Some(target) = strip_typedefs(&unit, off) else {
                continue;
            };
            let Ok(entry) = unit.entry(target) else {
                continue;
            };
            if entry.tag() != gimli::DW_TAG_structure_type
                && entry.tag() != gimli::DW_TAG_union_type
            {
                continue;
            }
            if matches!(
                entry.attr_value(gimli::DW_AT_declaration).ok().flatten(),
                Some(AttributeValue::Flag(true))
            ) {
                continue;
            }
            let mut layout = Layout {
                size: entry
                    .attr_value(gimli::DW_AT_byte_size)
                    .ok()
                    .flatten()
                    .and_then(|v| v.udata_value()),
                members: HashMap::new(),
            };
            flatten(&dwarf, &unit, target, "", 0, 0, &mut layout.members);
            out.insert(name, layout);
        }
    }
    Ok(out)
}

/// Follows typedef/const/volatile links from `off` to the underlying type DIE.
fn strip_typedefs(unit: &gimli::Unit<R<'_>>, mut off: UnitOffset) -> Option<UnitOffset> {
    for _ in 0..16 {
        let e = unit.entry(off).ok()?;
        match e.tag() {
            gimli::DW_TAG_typedef
            | gimli::DW_TAG_const_type
            | gimli::DW_TAG_volatile_type
            | gimli::DW_TAG_atomic_type
            | gimli::DW_TAG_restrict_type => {
                match e.attr_value(gimli::DW_AT_type).ok().flatten() {
                    Some(AttributeValue::UnitRef(t)) => off = t,
                    _ => return Some(off), // `const void`
                }
            }
            _ => return Some(off),
        }
    }
    None
}

fn flatten(
    dwarf: &gimli::Dwarf<R<'_>>,
    unit: &gimli::Unit<R<'_>>,
    struct_off: UnitOffset,
    prefix: &str,
    base: u64,
    depth: u32,
    out: &mut HashMap<String, Member>,
) {
    let Ok(mut tree) = unit.entries_tree(Some(struct_off)) else {
        return;
    };
    let Ok(root) = tree.root() else { return };
    let mut children = root.children();
    let mut members: Vec<(Option<String>, u64, Option<UnitOffset>)> = Vec::new();
    while let Ok(Some(child)) = children.next() {
        let e = child.entry();
        if e.tag() != gimli::DW_TAG_member {
            continue;
        }
        let name = e
            .attr_value(gimli::DW_AT_name)
            .ok()
            .flatten()
            .and_then(|a| dwarf.attr_string(unit, a).ok())
            .and_then(|s| s.to_string().ok().map(|s| s.to_string()));
        let offset = match e
            .attr_value(gimli::DW_AT_data_member_location)
            .ok()
            .flatten()
        {
            Some(v) => v.udata_value().unwrap_or(0),
            None => match e.attr_value(gimli::DW_AT_data_bit_offset).ok().flatten() {
                Some(v) => v.udata_value().unwrap_or(0) / 8,
                None => 0, // union members
            },
        };
        let ty = match e.attr_value(gimli::DW_AT_type).ok().flatten() {
            Some(AttributeValue::UnitRef(t)) => Some(t),
            _ => None,
        };
        members.push((name, offset, ty));
    }
    for (name, offset, ty) in members {
        let target = ty.and_then(|t| strip_typedefs(unit, t));
        let entry = target.and_then(|t| unit.entry(t).ok());
        let tag = entry.as_ref().map(|e| e.tag());
        let size = entry
            .as_ref()
            .and_then(|e| e.attr_value(gimli::DW_AT_byte_size).ok().flatten())
            .and_then(|v| v.udata_value());
        let is_aggregate = matches!(
            tag,
            Some(gimli::DW_TAG_structure_type) | Some(gimli::DW_TAG_union_type)
        );
        let path = match &name {
            Some(n) => format!("{prefix}{n}"),
            None => String::new(),
        };
        if name.is_some() {
            out.entry(path.clone()).or_insert(Member {
                offset: base + offset,
                size,
                is_pointer: tag == Some(gimli::DW_TAG_pointer_type),
            });
        }
        if is_aggregate && depth < 4 {
            let sub_prefix = if name.is_some() {
                format!("{path}.")
            } else {
                prefix.to_string()
            };
            if let Some(t) = target {
                flatten(dwarf, unit, t, &sub_prefix, base + offset, depth + 1, out);
            }
        }
    }
}
