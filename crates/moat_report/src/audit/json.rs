//! The JSON output of `moat audit`: `{"version", "vulnerabilities", "ignored", "unauditable",
//! "errors", "import_scan", "summary"}`, documented key by key in `docs/output-formats.md`.

use super::{AuditFinding, AuditReport, AuditSummary, IgnoredFinding, UnauditableEntry};
use crate::json::JsonError;
use serde::Serialize;
use std::io::{self, Write};

/// The whole JSON document.
#[derive(Serialize)]
struct JsonAudit<'a> {
    version: &'a str,
    vulnerabilities: &'a [AuditFinding],
    ignored: &'a [IgnoredFinding],
    unauditable: &'a [UnauditableEntry],
    errors: Vec<JsonError>,
    import_scan: Option<JsonImportScan>,
    summary: &'a AuditSummary,
}

#[derive(Serialize)]
struct JsonImportScan {
    python_files: usize,
    skipped: Vec<JsonError>,
}

/// Writes the report as one pretty-printed JSON document followed by a newline;
/// `tool_version` is Moat's version.
pub fn write_json(report: &AuditReport, tool_version: &str, out: &mut dyn Write) -> io::Result<()> {
    let document = JsonAudit {
        version: tool_version,
        vulnerabilities: &report.findings,
        ignored: &report.ignored,
        unauditable: &report.unauditable,
        errors: report.problems.iter().map(JsonError::new).collect(),
        import_scan: report.import_scan.as_ref().map(|scan| JsonImportScan {
            python_files: scan.python_files,
            skipped: scan.skipped.iter().map(JsonError::new).collect(),
        }),
        summary: &report.summary,
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
