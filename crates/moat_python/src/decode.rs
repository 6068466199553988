//! Turning a file's bytes into text the way CPython does: a UTF-8 BOM, or a PEP 263
//! coding declaration on one of the first two lines, else UTF-8.

use std::borrow::Cow;
use std::fmt;

/// Why a file's bytes could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The file contains a NUL byte, which CPython rejects in source code; usually a binary file.
    Binary { offset: usize },
    /// The bytes are not valid in the file's encoding.
    Invalid {
        encoding: String,
        line: u32,
        column: u32,
    },
    /// The coding declaration names an encoding Moat does not know.
    UnknownEncoding { name: String },
    /// A BOM says UTF-8 but the declaration says otherwise.
    BomMismatch { declared: String },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Binary { offset } => write!(
                f,
                "file contains a NUL byte at offset {offset}; it looks binary, not Python source"
            ),
            Self::Invalid {
                encoding,
                line,
                column,
            } => write!(
                f,
                "invalid {encoding} at line {line}, column {column}; save the file as UTF-8 or declare its encoding (PEP 263)"
            ),
            Self::UnknownEncoding { name } => {
                write!(f, "unknown encoding `{name}` in the coding declaration")
            }
            Self::BomMismatch { declared } => write!(
                f,
                "the file starts with a UTF-8 byte-order mark but declares encoding `{declared}`"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes Python source bytes into text, honouring a UTF-8 BOM and PEP 263 declarations.
///
/// The BOM, if any, is removed, so byte offsets in the result count from after it.
pub fn decode_source(bytes: &[u8]) -> Result<Cow<'_, str>, DecodeError> {
    if let Some(offset) = memchr_nul(bytes) {
        return Err(DecodeError::Binary { offset });
    }
    let (bytes, has_bom) = match bytes.strip_prefix(UTF8_BOM) {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    let declared = declared_encoding(bytes);
    let encoding = match declared.as_deref() {
        None => "utf-8".to_string(),
        Some(name) => normalise_encoding_name(name),
    };
    if has_bom && encoding != "utf-8" {
        return Err(DecodeError::BomMismatch {
            declared: declared.unwrap_or_default(),
        });
    }
    match encoding.as_str() {
        "utf-8" => decode_utf8(bytes),
        "latin-1" => Ok(Cow::Owned(bytes.iter().map(|&b| b as char).collect())),
        "ascii" => match bytes.iter().position(|b| !b.is_ascii()) {
            None => Ok(Cow::Borrowed(
                std::str::from_utf8(bytes).expect("ASCII is valid UTF-8"),
            )),
            Some(offset) => Err(invalid_at("ascii", bytes, offset)),
        },
        other => {
            let Some(codec) = encoding_rs::Encoding::for_label(other.as_bytes()) else {
                return Err(DecodeError::UnknownEncoding {
                    name: declared.unwrap_or_default(),
                });
            };
            let (text, had_errors) = codec.decode_without_bom_handling(bytes);
            if had_errors {
                let offset = text
                    .char_indices()
                    .find(|&(_, c)| c == '\u{FFFD}')
                    .map_or(0, |(i, _)| i);
                let (line, column) = line_column(text.as_bytes(), offset);
                return Err(DecodeError::Invalid {
                    encoding: other.to_string(),
                    line,
                    column,
                });
            }
            Ok(Cow::Owned(text.into_owned()))
        }
    }
}

fn decode_utf8(bytes: &[u8]) -> Result<Cow<'_, str>, DecodeError> {
    std::str::from_utf8(bytes)
        .map(Cow::Borrowed)
        .map_err(|err| invalid_at("utf-8", bytes, err.valid_up_to()))
}

fn invalid_at(encoding: &str, bytes: &[u8], offset: usize) -> DecodeError {
    let (line, column) = line_column(bytes, offset);
    DecodeError::Invalid {
        encoding: encoding.to_string(),
        line,
        column,
    }
}

/// 1-based line and column (in characters of the valid prefix) of a byte offset.
fn line_column(bytes: &[u8], offset: usize) -> (u32, u32) {
    let before = &bytes[..offset.min(bytes.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// The encoding named by a PEP 263 declaration in the first two lines, if any.
///
/// The second line counts only when the first is blank or a comment, as in CPython.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let mut lines = bytes.split(|&b| b == b'\n').take(2);
    let first = lines.next()?;
    if let Some(name) = coding_in_line(first) {
        return Some(name);
    }
    let first_trimmed = first.trim_ascii();
    if !first_trimmed.is_empty() && !first_trimmed.starts_with(b"#") {
        return None;
    }
    lines.next().and_then(coding_in_line)
}

/// Matches `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)` on one line.
fn coding_in_line(line: &[u8]) -> Option<String> {
    let trimmed = line.trim_ascii_start();
    if !trimmed.starts_with(b"#") {
        return None;
    }
    let at = trimmed.windows(6).position(|w| w == b"coding")?;
    let rest = &trimmed[at + 6..];
    let rest = rest
        .strip_prefix(b":")
        .or_else(|| rest.strip_prefix(b"="))?;
    let rest = rest.trim_ascii_start();
    let name: Vec<u8> = rest
        .iter()
        .copied()
        .take_while(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
        .collect();
    if name.is_empty() {
        return None;
    }
    String::from_utf8(name).ok()
}

/// Maps Python's codec names onto the few families Moat handles itself or passes to
/// `encoding_rs` (which uses WHATWG labels).
fn normalise_encoding_name(name: &str) -> String {
    let lower = name.to_ascii_lowercase().replace('_', "-");
    match lower.as_str() {
        "utf-8" | "utf8" | "u8" | "utf" | "cp65001" | "utf-8-sig" => "utf-8".into(),
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "8859" | "cp819" | "l1" => {
            "latin-1".into()
        }
        "ascii" | "us-ascii" | "646" => "ascii".into(),
        _ => lower,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_utf8_is_borrowed() {
        assert!(matches!(
            decode_source(b"x = 1\n"),
            Ok(Cow::Borrowed("x = 1\n"))
        ));
    }

    #[test]
    fn bom_is_stripped() {
        assert_eq!(decode_source(b"\xEF\xBB\xBFx = 1\n").unwrap(), "x = 1\n");
    }

    #[test]
    fn latin1_declaration_is_honoured() {
        let text = decode_source(b"# -*- coding: latin-1 -*-\ns = '\xe9'\n").unwrap();
        assert!(text.ends_with("s = '\u{e9}'\n"));
    }

    #[test]
    fn cp1252_declaration_goes_through_encoding_rs() {
        let text = decode_source(b"# vim: set fileencoding=cp1252 :\ns = '\x80'\n").unwrap();
        assert!(text.contains('\u{20ac}'));
    }

    #[test]
    fn declaration_on_second_line_after_shebang() {
        let text = decode_source(b"#!/usr/bin/env python\n# coding=latin-1\ns = '\xff'\n").unwrap();
        assert!(text.contains('\u{ff}'));
    }

    #[test]
    fn declaration_after_code_is_ignored() {
        let err = decode_source(b"import os\n# coding: latin-1\ns = '\xff'\n").unwrap_err();
        assert!(
            matches!(
                err,
                DecodeError::Invalid {
                    line: 3,
                    column: 6,
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let err = decode_source(b"a = 1\nb = '\xff'\n").unwrap_err();
        assert_eq!(
            err,
            DecodeError::Invalid {
                encoding: "utf-8".into(),
                line: 2,
                column: 6
            }
        );
    }

    #[test]
    fn nul_byte_means_binary() {
        assert_eq!(
            decode_source(b"\x7fELF\x02\x01\x00").unwrap_err(),
            DecodeError::Binary { offset: 6 }
        );
    }

    #[test]
    fn unknown_encoding_is_reported() {
        let err = decode_source(b"# coding: klingon\nx = 1\n").unwrap_err();
        assert_eq!(
            err,
            DecodeError::UnknownEncoding {
                name: "klingon".into()
            }
        );
    }

    #[test]
    fn bom_with_other_declaration_is_rejected() {
        let err = decode_source(b"\xEF\xBB\xBF# coding: latin-1\n").unwrap_err();
        assert!(matches!(err, DecodeError::BomMismatch { .. }));
    }
}
