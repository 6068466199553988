//! Redacted forms of secrets, and masking them in text that is shown.

use std::ops::Range;

/// The redacted form of `secret`: the `visible_prefix` (the format's fixed prefix, such as
/// `ghp_`), `…`, the last four characters when at least sixteen stay hidden, and the
/// length: `ghp_…a1B2 (40 chars)`. Never the whole secret.
pub(crate) fn redacted(secret: &str, visible_prefix: usize) -> String {
    let chars = secret.chars().count();
    let prefix: String = secret.chars().take(visible_prefix.min(chars / 2)).collect();
    let shown = prefix.chars().count();
    let suffix: String = if chars >= shown + 20 {
        secret.chars().skip(chars - 4).collect()
    } else {
        String::new()
    };
    format!("{prefix}…{suffix} ({chars} chars)")
}

/// The part of `span` (a secret's byte range in `text`) to hide when the text is shown: all
/// of it but the visible prefix and the last four characters, as [`redacted`] shows them.
pub(crate) fn hidden(text: &str, span: Range<usize>, visible_prefix: usize) -> Range<usize> {
    let secret = &text[span.clone()];
    let chars = secret.chars().count();
    let shown = visible_prefix.min(chars / 2);
    let start = secret
        .char_indices()
        .nth(shown)
        .map_or(secret.len(), |(i, _)| i);
    let end = if chars >= shown + 20 {
        secret
            .char_indices()
            .nth(chars - 4)
            .map_or(secret.len(), |(i, _)| i)
    } else {
        secret.len()
    };
    span.start + start..span.start + end
}

/// Overwrites the characters in each of `ranges` (byte ranges of `text`) with `*` (or, for
/// a character of several bytes, a mark of the same byte length), so that lines, columns
/// and byte offsets into the text stay valid. Ranges out of bounds or off character
/// boundaries are clamped or skipped, never a panic.
pub fn mask(text: &mut String, ranges: &[Range<usize>]) {
    if ranges.is_empty() {
        return;
    }
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let hidden = !matches!(c, '\n' | '\r') && ranges.iter().any(|r| r.contains(&i));
        if !hidden {
            out.push(c);
            continue;
        }
        out.push(match c.len_utf8() {
            1 => '*',
            2 => '\u{b7}',
            3 => '\u{2022}',
            _ => '\u{1f512}',
        });
    }
    *text = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacted_forms_hide_the_secret() {
        let token = "ghp_abcdEFGH1234ijklMNOP5678qrstUVWX90yz";
        assert_eq!(redacted(token, 4), "ghp_…90yz (40 chars)");
        assert_eq!(redacted("hunter2", 0), "… (7 chars)");
        assert_eq!(redacted("ab", 4), "a… (2 chars)");
        let range = hidden(token, 0..token.len(), 4);
        assert_eq!(&token[range], "abcdEFGH1234ijklMNOP5678qrstUVWX");
    }

    #[test]
    fn masking_keeps_offsets() {
        let mut text = "a = 'sécret'\nb = 1\n".to_string();
        let before = text.len();
        mask(&mut text, &[5..12, 100..200]);
        assert_eq!(text.len(), before);
        assert_eq!(text, "a = '*\u{b7}****'\nb = 1\n");
        let mut untouched = "x".to_string();
        mask(&mut untouched, &[]);
        assert_eq!(untouched, "x");
    }
}
