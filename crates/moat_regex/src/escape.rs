//! Attack strings written the way Python writes string literals, so they can be pasted.

/// `text` as the inside of a Python string literal: printable ASCII as is (quotes and
/// backslashes escaped), `\n`, `\t`, `\r`, and `\xNN` / `\uNNNN` / `\UNNNNNNNN` for the
/// rest (`\xNN` only for bytes patterns).
pub fn escape(text: &[u32], bytes: bool) -> String {
    let mut out = String::new();
    for &c in text {
        match char::from_u32(c) {
            Some('\\') => out.push_str("\\\\"),
            Some('\'') => out.push_str("\\'"),
            Some('\n') => out.push_str("\\n"),
            Some('\t') => out.push_str("\\t"),
            Some('\r') => out.push_str("\\r"),
            Some(ch) if ch.is_ascii_graphic() || ch == ' ' => out.push(ch),
            Some(ch) if !bytes && !ch.is_control() && !ch.is_whitespace() && c < 0xE000 => {
                out.push(ch)
            }
            _ if c <= 0xFF => out.push_str(&format!("\\x{c:02x}")),
            _ if c <= 0xFFFF => out.push_str(&format!("\\u{c:04x}")),
            _ => out.push_str(&format!("\\U{c:08x}")),
        }
    }
    out
}

/// A Python expression building the attack string with the pump repeated `n` times, such
/// as `'x' + 'ab' * 30 + '!'` (with a `b` prefix on each literal for bytes).
pub fn python_expression(
    prefix: &[u32],
    pump: &[u32],
    suffix: &[u32],
    n: usize,
    bytes: bool,
) -> String {
    let b = if bytes { "b" } else { "" };
    let mut parts = Vec::new();
    if !prefix.is_empty() {
        parts.push(format!("{b}'{}'", escape(prefix, bytes)));
    }
    parts.push(format!("{b}'{}' * {n}", escape(pump, bytes)));
    if !suffix.is_empty() {
        parts.push(format!("{b}'{}'", escape(suffix, bytes)));
    }
    parts.join(" + ")
}
