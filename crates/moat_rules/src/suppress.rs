//! Which lines of a file may carry a suppression comment for a finding, and whether one
//! does.

use moat_diagnostics::RuleMeta;
use moat_python::ast::Stmt;
use moat_python::{LineIndex, Ranged, Suppressions, TextRange};

/// The range of `stmt` a suppression comment may sit on: the whole statement when it is
/// simple (so any line of a multi-line call counts), the header (decorators through the
/// colon) when it is compound.
pub fn statement_span(stmt: &Stmt, source: &str) -> TextRange {
    let body_start = match stmt {
        Stmt::FunctionDef(s) => s.body.first().map(Ranged::start),
        Stmt::ClassDef(s) => s.body.first().map(Ranged::start),
        Stmt::If(s) => s.body.first().map(Ranged::start),
        Stmt::For(s) => s.body.first().map(Ranged::start),
        Stmt::While(s) => s.body.first().map(Ranged::start),
        Stmt::With(s) => s.body.first().map(Ranged::start),
        Stmt::Try(s) => s.body.first().map(Ranged::start),
        Stmt::Match(s) => s.cases.first().map(Ranged::start),
        _ => None,
    };
    match body_start {
        Some(body) if body > stmt.start() => {
            // End the header at its last character, not at the body's indentation.
            let header = &source[TextRange::new(stmt.start(), body)];
            let trimmed = header.trim_end().len();
            let end = stmt.start() + moat_python::TextSize::try_from(trimmed).unwrap_or_default();
            TextRange::new(stmt.start(), end)
        }
        _ => stmt.range(),
    }
}

/// Whether a directive on the lines of `finding` or `span` silences `rule`.
pub fn is_suppressed(
    rule: &RuleMeta,
    finding: TextRange,
    span: TextRange,
    suppressions: &Suppressions,
    index: &LineIndex,
) -> bool {
    if suppressions.is_empty() {
        return false;
    }
    let lines = |range: TextRange| {
        let first = index.line_of(range.start());
        // The last line is the one holding the range's last character.
        let end = if range.end() > range.start() {
            range.end() - moat_python::TextSize::from(1)
        } else {
            range.end()
        };
        (first, index.line_of(end).max(first))
    };
    [finding, span].into_iter().any(|range| {
        let (first, last) = lines(range);
        suppressions.in_lines(first, last).any(|directive| {
            directive.is_blanket() || directive.codes.iter().any(|code| rule.answers_to(code))
        })
    })
}
