//! `trojan-source`: Unicode bidirectional control characters in source code.

use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::ast::Stmt;
use moat_python::{TextRange, TextSize};

const DOCS: &str = r#"## What it does
Flags every Unicode bidirectional control character in a file — U+202A to U+202E
(embeddings and overrides) and U+2066 to U+2069 (isolates) — wherever it appears: in
code, strings or comments. The directional marks (U+200E, U+200F, U+061C) are not
flagged: they cannot reorder text by themselves, and date formats and messages for
right-to-left languages need them (Django's locale files use them).

## Why is this bad?
These characters reorder how text is displayed without changing what the interpreter
reads. Inside a comment or a string they can make code look commented out when it runs,
or make a check look different from what executes ("Trojan Source", CVE-2021-42574). A
reviewer reading the diff sees one program; Python runs another.

## Example
A line that displays as `if access_level != "user": # check if admin` may in fact
compare against `"user\u202e \u2066# check if admin\u2069 \u2066"`.

## Use instead
Remove the characters. Where right-to-left text is genuinely needed in a string, write
the control characters as escapes (`"\u202b"`) so they are visible.

## References
- CWE-838: Inappropriate Encoding for Output Context
- CWE-451: User Interface (UI) Misrepresentation of Critical Information
- OWASP Top 10 2025: A08 Software or Data Integrity Failures
- Boucher and Anderson, "Trojan Source: Invisible Vulnerabilities" (CVE-2021-42574)
"#;

/// Metadata of `trojan-source`.
pub static META: RuleMeta = RuleMeta {
    id: "trojan-source",
    title: "Bidirectional control characters in source",
    category: Category::Code,
    cwe: &[838, 451],
    owasp: Owasp::A08SoftwareOrDataIntegrityFailures,
    severity: Severity::High,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: true,
    bandit: &["B613"],
    ruff: &[],
    docs: DOCS,
};

/// The rule: reads the module's source text once.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Module(check)],
    modules: &[],
};

/// The name of a bidirectional control character.
fn bidi_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        _ => return None,
    })
}

fn check(ctx: &mut Context<'_, '_>, _suite: &[Stmt]) {
    // Cheap pre-check: every control character above is encoded starting with 0xE2.
    let source = ctx.source_text();
    if !source.bytes().any(|b| b == 0xE2) {
        return;
    }
    // One finding per line, at its first control character.
    let mut lines: Vec<(usize, Vec<(char, &'static str)>)> = Vec::new();
    let mut line_start = 0;
    for (at, c) in source.char_indices() {
        if c == '\n' {
            line_start = at + 1;
            continue;
        }
        let Some(name) = bidi_name(c) else {
            continue;
        };
        match lines.last_mut() {
            Some((first, found)) if *first >= line_start => found.push((c, name)),
            _ => lines.push((at, vec![(c, name)])),
        }
    }
    for (first, found) in lines {
        let start = TextSize::try_from(first).unwrap_or_default();
        let range = TextRange::at(start, TextSize::of(found[0].0));
        let mut names: Vec<String> = Vec::new();
        for &(c, name) in &found {
            let shown = format!("U+{:04X} {name}", c as u32);
            if !names.contains(&shown) {
                names.push(shown);
            }
        }
        let what = if found.len() == 1 {
            format!(
                "an invisible bidirectional control character ({})",
                names[0]
            )
        } else {
            format!(
                "{} invisible bidirectional control characters ({})",
                found.len(),
                names.join(", ")
            )
        };
        ctx.report(
            range,
            format!("this line holds {what}, which can make it display differently from how Python reads it; remove them or write them as escapes"),
        );
    }
}
