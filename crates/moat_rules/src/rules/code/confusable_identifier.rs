//! `confusable-identifier`: identifiers that look like another name than the one Python
//! reads.

use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::TextRange;
use moat_python::ast::visitor::{self, Visitor};
use moat_python::ast::{Alias, Expr, Parameter, Stmt};

const DOCS: &str = r#"## What it does
Flags identifiers (names, attributes, functions, classes, parameters, import aliases)
that mix Latin letters with Cyrillic or Greek ones that look like Latin letters
(`pаssword` with a Cyrillic `а`; `tenπ` is not flagged), and
identifiers written in a form that Python normalises (NFKC) to another name (`ﬁle`
written with the `ﬁ` ligature is the variable `file`).

## Why is this bad?
Letters from different scripts can look identical. A reviewer reading `is_аdmin` sees
the familiar check, while Python sees a different variable that an attacker defined
elsewhere, or that is always unset. Names that Python folds together silently alias each
other: assigning to `ﬁle` overwrites `file`. Both are used to hide malicious changes in
code review and in packages.

## Example
```python
def is_allowed(user):
    is_аdmin = user.role == "admin"   # Cyrillic "а"
    return is_admin                   # a different, global name
```

## Use instead
Write identifiers in one script, and in the form Python reads them. Keep non-Latin text
in strings and comments.

## References
- CWE-1007: Insufficient Visual Distinction of Homoglyphs Presented to User
- CWE-838: Inappropriate Encoding for Output Context
- OWASP Top 10 2025: A08 Software or Data Integrity Failures
- Unicode Technical Standard #39: Unicode Security Mechanisms; PEP 3131 (NFKC normalisation)
"#;

/// Metadata of `confusable-identifier`.
pub static META: RuleMeta = RuleMeta {
    id: "confusable-identifier",
    title: "Identifier with confusable or mixed-script characters",
    category: Category::Code,
    cwe: &[1007, 838],
    owasp: Owasp::A08SoftwareOrDataIntegrityFailures,
    severity: Severity::Medium,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: reads every identifier of a module that has non-ASCII text.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Module(check)],
    modules: &[],
};

fn check(ctx: &mut Context<'_, '_>, suite: &[Stmt]) {
    let source = ctx.source_text();
    if source.is_ascii() {
        return;
    }
    let mut collector = Identifiers {
        source,
        found: Vec::new(),
    };
    collector.visit_body(suite);
    let mut found = collector.found;
    // A name can be visited twice (a decorator target, an alias); report each place once.
    found.sort_by_key(|(_, range)| (range.start(), range.end()));
    found.dedup_by_key(|(_, range)| *range);
    let messages: Vec<(TextRange, String)> = found
        .into_iter()
        .filter_map(|(name, range)| {
            let written = &source[range];
            if written != name {
                Some((range, format!("`{written}` is read by Python as `{name}` (NFKC normalisation), so it is the same name as `{name}` though it looks different; write `{name}`")))
            } else {
                mixed_scripts(written).map(|scripts| {
                    (range, format!("`{written}` mixes {scripts} letters, which can look identical to another name; write it in one script"))
                })
            }
        })
        .collect();
    for (range, message) in messages {
        ctx.report(range, message);
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
}

fn script(c: char) -> Option<Script> {
    match c as u32 {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => Some(Script::Latin),
        0x370..=0x3FF | 0x1F00..=0x1FFF => Some(Script::Greek),
        0x400..=0x52F | 0x1C80..=0x1C8F => Some(Script::Cyrillic),
        _ => None,
    }
}

/// Cyrillic and Greek letters that look like Latin ones.
const LATIN_LOOKALIKES: &str = "аеорсухѕіјԁԛԝһӏвкмнтАВЕКМНОРСТХЅІЈοαικνρτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ";

/// "Latin and Cyrillic" when a Latin identifier also holds a Cyrillic or Greek letter
/// that looks like a Latin one (`tenπ` mixes scripts but fools nobody).
fn mixed_scripts(text: &str) -> Option<String> {
    let mut latin = false;
    let mut other = None;
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        match script(c) {
            Some(Script::Latin) => latin = true,
            Some(Script::Greek) if LATIN_LOOKALIKES.contains(c) => other = other.or(Some("Greek")),
            Some(Script::Cyrillic) if LATIN_LOOKALIKES.contains(c) => {
                other = other.or(Some("Cyrillic"));
            }
            _ => {}
        }
    }
    match (latin, other) {
        (true, Some(other)) => Some(format!("Latin and {other}")),
        _ => None,
    }
}

/// Every identifier written with non-ASCII characters, with its normalised name and where
/// it is written (ASCII names need no normalisation and mix no scripts).
struct Identifiers<'s> {
    source: &'s str,
    found: Vec<(String, TextRange)>,
}

impl Identifiers<'_> {
    fn push(&mut self, name: &str, range: TextRange) {
        if self
            .source
            .get(range.start().into()..range.end().into())
            .is_some_and(|written| !written.is_ascii())
        {
            self.found.push((name.to_owned(), range));
        }
    }
}

impl<'a> Visitor<'a> for Identifiers<'_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(f) => self.push(&f.name.id, f.name.range),
            Stmt::ClassDef(c) => self.push(&c.name.id, c.name.range),
            _ => {}
        }
        visitor::walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Name(name) => self.push(&name.id, name.range),
            Expr::Attribute(attribute) => self.push(&attribute.attr.id, attribute.attr.range),
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }

    fn visit_parameter(&mut self, parameter: &'a Parameter) {
        self.push(&parameter.name.id, parameter.name.range);
        visitor::walk_parameter(self, parameter);
    }

    fn visit_alias(&mut self, alias: &'a Alias) {
        let name = alias.asname.as_ref().unwrap_or(&alias.name);
        self.push(&name.id, name.range);
    }
}
