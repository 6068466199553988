//! The JSON format (`--format json`): these types are its stable contract, documented key by
//! key in `docs/output-formats.md`. Adding a key is a compatible change; renaming or removing
//! one is not.
//!
//! Levels, kinds and applicabilities are written as the lowercase names Moat uses everywhere
//! (`"high"`, `"syntax-error"`, `"unsafe"`). Lines and columns are 1-based; columns count
//! Unicode scalar values; ends are exclusive. The output holds no timing, so the same input
//! gives byte-identical output.

use crate::Report;
use crate::summary::SeverityCounts;
use moat_diagnostics::{Edit, Finding, Fix, Location, Problem, TraceStep};
use serde::{Deserialize, Serialize};
use std::io::{self, Write};

/// The whole JSON document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonReport {
    /// Moat's version.
    pub version: String,
    /// Reported findings, sorted by file, line, column, rule.
    pub findings: Vec<JsonFinding>,
    /// Files that could not be analysed.
    pub errors: Vec<JsonError>,
    /// Counts for the run.
    pub summary: JsonSummary,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonFinding {
    /// Rule id, e.g. `subprocess-shell-true`.
    pub rule: String,
    /// The rule's one-line title.
    pub title: String,
    /// What was found, specific to this code.
    pub message: String,
    /// CWE ids, most specific first.
    pub cwe: Vec<u32>,
    /// OWASP Top 10 2025 category label, e.g. `A05:2025-Injection`.
    pub owasp: String,
    /// `low`, `medium`, `high` or `critical`.
    pub severity: String,
    /// `low`, `medium` or `high`.
    pub confidence: String,
    /// Path of the file as displayed, `/`-separated.
    pub file: String,
    /// 1-based start line.
    pub line: u32,
    /// 1-based start column.
    pub column: u32,
    /// 1-based end line.
    pub end_line: u32,
    /// 1-based end column (exclusive).
    pub end_column: u32,
    /// Stable content fingerprint (hex), as used by baselines.
    pub fingerprint: String,
    /// Steps that explain the finding (for taint: source → … → sink); empty when none.
    pub trace: Vec<JsonTraceStep>,
    /// A suggested change, or `null`.
    pub fix: Option<JsonFix>,
}

/// One step of a finding's trace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonTraceStep {
    /// Path of the file the step is in.
    pub file: String,
    /// 1-based start line.
    pub line: u32,
    /// 1-based start column.
    pub column: u32,
    /// 1-based end line.
    pub end_line: u32,
    /// 1-based end column (exclusive).
    pub end_column: u32,
    /// What happens at this step.
    pub message: String,
}

/// A suggested change that removes the weakness.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonFix {
    /// What the change does.
    pub description: String,
    /// `safe` (keeps behaviour) or `unsafe` (needs review).
    pub applicability: String,
    /// Replacements in the finding's file.
    pub edits: Vec<JsonEdit>,
}

/// A replacement of a span of the finding's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonEdit {
    /// 1-based start line.
    pub line: u32,
    /// 1-based start column.
    pub column: u32,
    /// 1-based end line.
    pub end_line: u32,
    /// 1-based end column (exclusive).
    pub end_column: u32,
    /// The replacement text.
    pub content: String,
}

/// A file that could not be analysed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonError {
    /// Path as displayed.
    pub file: String,
    /// `syntax-error`, `decode-error`, `io-error`, `too-large`, `too-deep`, `binary-file` or
    /// `internal-error`.
    pub kind: String,
    /// What went wrong.
    pub message: String,
    /// 1-based line, when known; absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// 1-based column, when known; absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
}

/// Counts for the run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonSummary {
    /// Files analysed.
    pub files_analysed: usize,
    /// Files that could not be analysed.
    pub files_with_errors: usize,
    /// Findings reported (the length of `findings`).
    pub findings: usize,
    /// Findings silenced by inline comments.
    pub suppressed: usize,
    /// Findings absorbed by the baseline.
    pub baselined: usize,
    /// Reported findings by severity.
    pub by_severity: JsonSeverityCounts,
}

/// Reported findings by severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonSeverityCounts {
    /// Findings of severity `low`.
    pub low: usize,
    /// Findings of severity `medium`.
    pub medium: usize,
    /// Findings of severity `high`.
    pub high: usize,
    /// Findings of severity `critical`.
    pub critical: usize,
}

impl JsonReport {
    /// The JSON document for `report`.
    pub fn new(report: &Report<'_>) -> Self {
        let counts = SeverityCounts::of(report.findings);
        Self {
            version: report.tool_version.to_string(),
            findings: report.findings.iter().map(JsonFinding::new).collect(),
            errors: report.problems.iter().map(JsonError::new).collect(),
            summary: JsonSummary {
                files_analysed: report.summary.files_analysed,
                files_with_errors: report.summary.files_with_problems,
                findings: report.findings.len(),
                suppressed: report.summary.suppressed,
                baselined: report.summary.baselined,
                by_severity: JsonSeverityCounts {
                    low: counts.low,
                    medium: counts.medium,
                    high: counts.high,
                    critical: counts.critical,
                },
            },
        }
    }
}

impl JsonFinding {
    fn new(finding: &Finding) -> Self {
        let rule = finding.rule;
        let span = Span::of(&finding.location);
        Self {
            rule: rule.id.to_string(),
            title: rule.title.to_string(),
            message: finding.message.clone(),
            cwe: rule.cwe.to_vec(),
            owasp: rule.owasp.label(),
            severity: finding.severity.as_str().to_string(),
            confidence: finding.confidence.as_str().to_string(),
            file: finding.file.clone(),
            line: span.line,
            column: span.column,
            end_line: span.end_line,
            end_column: span.end_column,
            fingerprint: finding.fingerprint.clone(),
            trace: finding.trace.iter().map(JsonTraceStep::new).collect(),
            fix: finding.fix.as_ref().map(JsonFix::new),
        }
    }
}

impl JsonTraceStep {
    fn new(step: &TraceStep) -> Self {
        let span = Span::of(&step.location);
        Self {
            file: step.file.clone(),
            line: span.line,
            column: span.column,
            end_line: span.end_line,
            end_column: span.end_column,
            message: step.message.clone(),
        }
    }
}

impl JsonFix {
    fn new(fix: &Fix) -> Self {
        Self {
            description: fix.description.clone(),
            applicability: fix.applicability.as_str().to_string(),
            edits: fix.edits.iter().map(JsonEdit::new).collect(),
        }
    }
}

impl JsonEdit {
    fn new(edit: &Edit) -> Self {
        let span = Span::of(&edit.location);
        Self {
            line: span.line,
            column: span.column,
            end_line: span.end_line,
            end_column: span.end_column,
            content: edit.content.clone(),
        }
    }
}

impl JsonError {
    /// The entry for a file that could not be read or analysed.
    pub fn new(problem: &Problem) -> Self {
        Self {
            file: problem.file.clone(),
            kind: problem.kind.as_str().to_string(),
            message: problem.message.clone(),
            line: problem.position.map(|position| position.line),
            column: problem.position.map(|position| position.column),
        }
    }
}

/// The four numbers every span is written as.
struct Span {
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
}

impl Span {
    fn of(location: &Location) -> Self {
        Self {
            line: location.start.line,
            column: location.start.column,
            end_line: location.end.line,
            end_column: location.end.column,
        }
    }
}

/// Writes `report` as pretty-printed JSON ([`JsonReport`]) followed by a newline.
pub fn write_json(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &JsonReport::new(report))?;
    writeln!(out)
}
