//! Writing a baseline file.

use super::BaselineEntry;
use std::fmt::Write as _;

const HEADER: &str = "\
# Moat baseline: findings accepted at the time it was written.
# A finding with the same rule, file and fingerprint as an entry is not reported; each entry
# absorbs one finding. Add `reason = \"…\"` to record why a finding is accepted, and
# `expires = \"YYYY-MM-DD\"` to have it reported again after that day.
";

/// `entries` (already sorted) as a baseline file.
pub(super) fn to_toml_string(entries: &[BaselineEntry]) -> String {
    let mut out = String::from(HEADER);
    out.push_str("version = 1\n");
    for entry in entries {
        out.push_str("\n[[finding]]\n");
        key_value(&mut out, "rule", &entry.rule);
        key_value(&mut out, "file", &entry.file);
        key_value(&mut out, "fingerprint", &entry.fingerprint);
        if let Some(reason) = &entry.reason {
            key_value(&mut out, "reason", reason);
        }
        if let Some(expires) = &entry.expires {
            key_value(&mut out, "expires", expires);
        }
    }
    out
}

fn key_value(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = ");
    basic_string(out, value);
    out.push('\n');
}

/// Writes `value` as a TOML basic string (`"…"`), escaping what TOML requires.
fn basic_string(out: &mut String, value: &str) {
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped() {
        let mut out = String::new();
        basic_string(&mut out, "a \"b\" \\ c\n\t\u{7f}\u{85} é");
        assert_eq!(out, r#""a \"b\" \\ c\n\t\u007F\u0085 é""#);
        let parsed: toml::Table = toml::from_str(&format!("x = {out}")).unwrap();
        assert_eq!(parsed["x"].as_str(), Some("a \"b\" \\ c\n\t\u{7f}\u{85} é"));
    }
}
