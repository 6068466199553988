//! The human-readable format: one rustc-style code frame per finding, then the files that
//! could not be analysed, then a summary line.

use crate::source::{LineIndex, frame, printable};
use crate::summary::{SeverityCounts, summary_line};
use crate::{Report, SourceLookup};
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use moat_diagnostics::{Finding, Problem, RuleMeta, Severity};
use std::io::{self, Write};

/// Writes `report` as text: for each finding a header `high[rule-id]: message`, the
/// `file:line:column`, the source lines with the span underlined (when `sources` knows the
/// file), the rule's title with its CWE ids and OWASP category, the fix and the trace; then
/// one line per problem; then the summary line.
///
/// ANSI colours are written only when `color` is true. Text taken from the analysed code
/// (messages, paths, source lines) has control and bidirectional-override characters
/// neutralised, so a hostile file cannot drive the terminal.
pub fn write_text(
    report: &Report<'_>,
    sources: &dyn SourceLookup,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    // Findings are sorted by file, so one cached line index serves a whole file.
    let mut cached: Option<(&str, LineIndex)> = None;
    for finding in report.findings {
        let text = sources.source(&finding.file);
        if let Some(text) = text
            && cached
                .as_ref()
                .is_none_or(|(file, _)| *file != finding.file)
        {
            cached = Some((&finding.file, LineIndex::new(text)));
        }
        let index = cached.as_ref().map(|(_, index)| index);
        let group = finding_group(finding, text.zip(index));
        writeln!(out, "{}\n", renderer.render(&[group]))?;
    }
    for problem in report.problems {
        writeln!(out, "{}", renderer.render(&[problem_group(problem)]))?;
    }
    if !report.problems.is_empty() {
        writeln!(out)?;
    }
    let counts = SeverityCounts::of(report.findings);
    writeln!(out, "{}", summary_line(&report.summary, counts))
}

fn finding_group<'a>(finding: &'a Finding, source: Option<(&'a str, &LineIndex)>) -> Group<'a> {
    let title = severity_level(finding.severity)
        .primary_title(printable(&finding.message))
        .id(finding.rule.id);
    let path = printable(&finding.file);
    let mut group = match source {
        Some((text, index)) => {
            let frame = frame(text, index, &finding.location);
            title.element(
                Snippet::source(frame.text)
                    .line_start(frame.first_line)
                    .path(path)
                    .annotation(AnnotationKind::Primary.span(frame.span)),
            )
        }
        None => title.element(
            Origin::path(path)
                .line(finding.location.start.line.max(1) as usize)
                .char_column(finding.location.start.column.max(1) as usize),
        ),
    };
    group = group.element(Level::HELP.message(classification(finding.rule)));
    if let Some(fix) = &finding.fix {
        group = group.element(Level::HELP.with_name("fix").message(format!(
            "{} ({} fix)",
            printable(&fix.description),
            fix.applicability.as_str()
        )));
    }
    let steps = finding.trace.len();
    for (number, step) in finding.trace.iter().enumerate() {
        group = group.element(Level::NOTE.message(format!(
            "step {}/{steps} at {}:{}:{}: {}",
            number + 1,
            printable(&step.file),
            step.location.start.line,
            step.location.start.column,
            printable(&step.message)
        )));
    }
    group
}

/// `Title (CWE-78, CWE-88; A05:2025-Injection)`.
fn classification(rule: &RuleMeta) -> String {
    let mut tags: Vec<String> = Vec::new();
    if !rule.cwe.is_empty() {
        let cwes: Vec<String> = rule.cwe.iter().map(|cwe| format!("CWE-{cwe}")).collect();
        tags.push(cwes.join(", "));
    }
    tags.push(rule.owasp.label());
    format!("{} ({})", rule.title, tags.join("; "))
}

fn severity_level(severity: Severity) -> Level<'static> {
    let level = match severity {
        Severity::Critical | Severity::High => Level::ERROR,
        Severity::Medium => Level::WARNING,
        Severity::Low => Level::INFO,
    };
    level.with_name(severity.as_str())
}

/// `error[syntax-error]: path:line:column: message`.
fn problem_group(problem: &Problem) -> Group<'_> {
    let place = match problem.position {
        Some(position) => format!(
            "{}:{}:{}",
            printable(&problem.file),
            position.line,
            position.column
        ),
        None => printable(&problem.file).into_owned(),
    };
    Group::with_title(
        Level::ERROR
            .primary_title(format!("{place}: {}", printable(&problem.message)))
            .id(problem.kind.as_str()),
    )
}
