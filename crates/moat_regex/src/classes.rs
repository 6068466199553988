//! The character classes `\d`, `\w`, `\s` and case folding, as Python's `re` defines them
//! for `str` patterns (Unicode, or ASCII under `re.ASCII`) and `bytes` patterns.

use crate::charset::{CharSet, MAX_BYTE, MAX_CHAR};
use std::sync::OnceLock;

/// Which definition of `\d`, `\w`, `\s` and of case applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassMode {
    /// `str` pattern without `re.ASCII`.
    Unicode,
    /// `str` pattern with `re.ASCII`, or any `bytes` pattern (`re.LOCALE` is read as ASCII).
    Ascii,
}

/// A perl-style class escape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassKind {
    Digit,
    Word,
    Space,
}

/// The set a class escape stands for.
pub fn class_set(kind: ClassKind, mode: ClassMode) -> CharSet {
    match (kind, mode) {
        (ClassKind::Digit, ClassMode::Ascii) => CharSet::range('0' as u32, '9' as u32),
        (ClassKind::Word, ClassMode::Ascii) => ascii_word(),
        (ClassKind::Space, ClassMode::Ascii) => CharSet::from_ranges(vec![(9, 13), (32, 32)]),
        (ClassKind::Digit, ClassMode::Unicode) => unicode(&UNICODE_DIGIT, char::is_numeric),
        (ClassKind::Word, ClassMode::Unicode) => {
            unicode(&UNICODE_WORD, |c| c.is_alphanumeric() || c == '_')
        }
        (ClassKind::Space, ClassMode::Unicode) => unicode(&UNICODE_SPACE, |c| {
            c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
        }),
    }
}

/// Whether `c` is a word character (for `\b` and `\B`).
pub fn is_word(c: u32, mode: ClassMode) -> bool {
    match (mode, char::from_u32(c)) {
        (ClassMode::Ascii, Some(ch)) => ch.is_ascii_alphanumeric() || ch == '_',
        (ClassMode::Unicode, Some(ch)) => ch.is_alphanumeric() || ch == '_',
        (_, None) => false,
    }
}

fn ascii_word() -> CharSet {
    CharSet::from_ranges(vec![
        ('0' as u32, '9' as u32),
        ('A' as u32, 'Z' as u32),
        ('_' as u32, '_' as u32),
        ('a' as u32, 'z' as u32),
    ])
}

static UNICODE_DIGIT: OnceLock<CharSet> = OnceLock::new();
static UNICODE_WORD: OnceLock<CharSet> = OnceLock::new();
static UNICODE_SPACE: OnceLock<CharSet> = OnceLock::new();

fn unicode(cell: &'static OnceLock<CharSet>, test: fn(char) -> bool) -> CharSet {
    cell.get_or_init(|| {
        let mut ranges = Vec::new();
        let mut start: Option<u32> = None;
        for c in 0..=MAX_CHAR + 1 {
            let inside = c <= MAX_CHAR && char::from_u32(c).is_some_and(test);
            match (inside, start) {
                (true, None) => start = Some(c),
                (false, Some(lo)) => {
                    ranges.push((lo, c - 1));
                    start = None;
                }
                _ => {}
            }
        }
        CharSet::from_ranges(ranges)
    })
    .clone()
}

/// The characters that match `c` under `re.IGNORECASE` (including `c`): its one-character
/// lower and upper case forms and theirs.
pub fn case_variants(c: u32, mode: ClassMode) -> Vec<u32> {
    let mut out = vec![c];
    let Some(ch) = char::from_u32(c) else {
        return out;
    };
    if mode == ClassMode::Ascii {
        if ch.is_ascii_alphabetic() {
            out.push((ch as u8 ^ 0x20) as u32);
            out.sort_unstable();
        }
        return out;
    }
    let lower = single(ch.to_lowercase());
    let upper = single(ch.to_uppercase());
    for v in [lower, upper].into_iter().flatten() {
        out.push(v as u32);
        out.extend(single(v.to_lowercase()).map(|x| x as u32));
        out.extend(single(v.to_uppercase()).map(|x| x as u32));
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn single(mut it: impl Iterator<Item = char>) -> Option<char> {
    let first = it.next()?;
    it.next().is_none().then_some(first)
}

/// `set` closed under case folding (what a class matches under `re.IGNORECASE`). Large
/// ranges are folded for their ASCII and Latin part only, which is where patterns put them.
pub fn fold_case(set: &CharSet, mode: ClassMode) -> CharSet {
    let mut ranges = set.ranges().to_vec();
    for &(lo, hi) in set.ranges() {
        let hi = if hi - lo > 0x3000 {
            lo.max(0x24F).min(hi)
        } else {
            hi
        };
        for c in lo..=hi {
            for v in case_variants(c, mode) {
                if v != c {
                    ranges.push((v, v));
                }
            }
        }
    }
    CharSet::from_ranges(ranges)
}

/// The whole alphabet of a pattern: every code point, or every byte.
pub fn alphabet(bytes: bool) -> CharSet {
    CharSet::range(0, if bytes { MAX_BYTE } else { MAX_CHAR })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_follow_python() {
        let w = class_set(ClassKind::Word, ClassMode::Unicode);
        assert!(w.contains('é' as u32) && w.contains('_' as u32) && !w.contains('-' as u32));
        let d = class_set(ClassKind::Digit, ClassMode::Ascii);
        assert!(d.contains('7' as u32) && !d.contains('٣' as u32));
        assert!(class_set(ClassKind::Digit, ClassMode::Unicode).contains('٣' as u32));
        let s = class_set(ClassKind::Space, ClassMode::Unicode);
        assert!(s.contains(0x1c) && s.contains(0xa0) && !s.contains('x' as u32));
        assert_eq!(case_variants('k' as u32, ClassMode::Ascii), vec![75, 107]);
        assert!(case_variants(0x212A, ClassMode::Unicode).contains(&('k' as u32)));
    }
}
