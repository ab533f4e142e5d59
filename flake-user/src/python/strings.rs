//! CPython `str` objects copied raw by the BPF side, and which code objects
//! are interpreter shims rather than user code.
//!
//! The `state` word of `PyASCIIObject` (3.8–3.13) is a bit field:
//! `interned:2, kind:3, compact:1, ascii:1, ready|statically_allocated:1`.
//! `kind` is the character width in bytes (1 = latin-1, 2 = UCS-2,
//! 4 = UCS-4; 0 = legacy `wchar_t` string, ≤ 3.11, 4 bytes on Linux).

use super::PyVersion;

/// `kind` of a `state` word.
pub fn unicode_kind(state: u32) -> u32 {
    (state >> 2) & 7
}

/// The `ascii` bit of a `state` word (data follows `PyASCIIObject`, else
/// `PyCompactUnicodeObject`).
pub fn unicode_is_ascii(state: u32) -> bool {
    (state >> 6) & 1 == 1
}

/// Decodes the character data of a `str` (`bytes`: raw copy of the data,
/// possibly cut short) using the width given by `state`. Invalid code
/// points (lone surrogates) become U+FFFD, an incomplete trailing unit is
/// dropped, and so are trailing NULs (the terminator, if it was copied).
pub fn decode_str(version: &PyVersion, state: u32, bytes: &[u8]) -> String {
    let kind = match unicode_kind(state) {
        0 if version.minor <= 11 => 4,
        k => k,
    };
    let mut s: String = match kind {
        1 => {
            if unicode_is_ascii(state) {
                String::from_utf8_lossy(bytes).into_owned()
            } else {
                bytes.iter().map(|&b| b as char).collect()
            }
        }
        // UCS-2, not UTF-16: each unit is one code point (surrogates stay unpaired).
        2 => bytes
            .chunks_exact(2)
            .map(|c| {
                char::from_u32(u16::from_le_bytes([c[0], c[1]]) as u32)
                    .unwrap_or(char::REPLACEMENT_CHARACTER)
            })
            .collect(),
        4 => bytes
            .chunks_exact(4)
            .map(|c| {
                char::from_u32(u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                    .unwrap_or(char::REPLACEMENT_CHARACTER)
            })
            .collect(),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    };
    while s.ends_with('\0') {
        s.pop();
    }
    s
}

/// Frames of interpreter-internal code objects that are not user code:
/// 3.12+ `<shim>` frames (`<interpreter trampoline>`), which the BPF side
/// may also flag with [`flake_common::FRAME_SHIM_BIT`].
pub fn code_is_shim(qualname: &str, filename: &str) -> bool {
    filename == "<shim>" || qualname == "<interpreter trampoline>"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shim() {
        assert!(code_is_shim("<interpreter trampoline>", "<shim>"));
        assert!(!code_is_shim("<module>", "t.py"));
    }

    #[test]
    fn kinds_synthetic() {
        let v = PyVersion {
            major: 3,
            minor: 12,
            patch: 0,
        };
        // ascii, compact, kind 1
        assert_eq!(decode_str(&v, 0b110_0100, b"abc\0"), "abc");
        assert_eq!(decode_str(&v, 0b010_0100, &[0xe9]), "é");
        assert_eq!(decode_str(&v, 0b010_1000, &[0xac, 0x20, 0x41]), "€");
        assert_eq!(decode_str(&v, 0b011_0000, &[0x00, 0xf4, 0x01, 0x00]), "🐀");
    }
}
