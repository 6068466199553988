//! The text output of `moat audit`: tables of pinned and range findings, unauditable
//! entries, errors and a summary line.

use super::{AuditFinding, AuditReport, AuditSummary, FindingKind, Reachable, UnauditableEntry};
use crate::summary::plural;
use moat_diagnostics::Problem;
use std::io::{self, Write};

/// Summaries are never cut shorter than this.
const MIN_SUMMARY: usize = 24;

/// Writes tables of pinned and range findings, unauditable entries, errors and a summary
/// line. Rows are fitted to `width` columns by cutting the summary column (never below 24
/// characters).
pub fn write_text(report: &AuditReport, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let reach = report.import_scan.is_some();
    let mut pinned: Vec<&AuditFinding> = report
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::Pinned)
        .collect();
    // Imported packages first: they are the ones to triage first.
    pinned.sort_by_key(|f| f.reachable);
    if !pinned.is_empty() {
        writeln!(out, "Vulnerable dependencies:")?;
        let rows: Vec<Vec<String>> = pinned
            .iter()
            .map(|f| {
                vec![
                    f.package.clone(),
                    f.version.clone().unwrap_or_default(),
                    location(&f.file, f.line),
                    f.id.clone(),
                    fixed_in(f),
                    f.summary.clone().unwrap_or_default(),
                ]
            })
            .collect();
        let header = [
            "PACKAGE", "VERSION", "LOCATION", "ID", "FIXED IN", "SUMMARY",
        ];
        table(out, &header, &rows, &pinned, reach, width)?;
    }

    let mut ranges: Vec<&AuditFinding> = report
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::Range)
        .collect();
    ranges.sort_by_key(|f| f.reachable);
    if !ranges.is_empty() {
        if !pinned.is_empty() {
            writeln!(out)?;
        }
        writeln!(
            out,
            "Ranges that admit vulnerable versions (not pinned, so not known to be vulnerable):"
        )?;
        let rows: Vec<Vec<String>> = ranges
            .iter()
            .map(|f| {
                vec![
                    f.package.clone(),
                    f.requirement.clone(),
                    location(&f.file, f.line),
                    f.id.clone(),
                    admits(&f.admitted_versions),
                    fixed_in(f),
                    f.summary.clone().unwrap_or_default(),
                ]
            })
            .collect();
        let header = [
            "PACKAGE", "RANGE", "LOCATION", "ID", "ADMITS", "FIXED IN", "SUMMARY",
        ];
        table(out, &header, &rows, &ranges, reach, width)?;
    }

    let expired: Vec<&AuditFinding> = report
        .findings
        .iter()
        .filter(|f| f.expired_acceptance.is_some())
        .collect();
    if !expired.is_empty() {
        writeln!(out)?;
        for finding in expired {
            if let Some(acceptance) = &finding.expired_acceptance {
                writeln!(
                    out,
                    "note: {} of {} is reported again: its acceptance ({}: {}) expired on {}",
                    finding.id,
                    finding.package,
                    acceptance.config,
                    acceptance.reason,
                    acceptance.expires
                )?;
            }
        }
    }

    if let Some(scan) = &report.import_scan
        && !scan.skipped.is_empty()
    {
        writeln!(out)?;
        let files: Vec<&str> = scan.skipped.iter().map(|p| p.file.as_str()).collect();
        writeln!(
            out,
            "note: {} left out of the import scan (could not be read or parsed): {}",
            plural(files.len(), "Python file", "Python files"),
            files.join(", ")
        )?;
    }

    if !report.unauditable.is_empty() {
        if !report.findings.is_empty() {
            writeln!(out)?;
        }
        writeln!(out, "Not audited ({}):", report.unauditable.len())?;
        for entry in &report.unauditable {
            write_unauditable(out, entry)?;
        }
    }

    if !report.problems.is_empty() {
        if !report.findings.is_empty() || !report.unauditable.is_empty() {
            writeln!(out)?;
        }
        for problem in &report.problems {
            write_problem(out, problem)?;
        }
    }

    if !report.findings.is_empty() || !report.unauditable.is_empty() || !report.problems.is_empty()
    {
        writeln!(out)?;
    }
    writeln!(out, "{}", summary_line(&report.summary))
}

/// `app/views.py:3` when imported, else `no` (or `unknown`).
fn imported(finding: &AuditFinding) -> String {
    match &finding.import_site {
        Some(site) => location(&site.file, Some(site.line)),
        None if finding.reachable == Reachable::NotImported => "no".to_owned(),
        None => "unknown".to_owned(),
    }
}

fn location(file: &str, line: Option<u32>) -> String {
    match line {
        Some(line) => format!("{file}:{line}"),
        None => file.to_owned(),
    }
}

fn fixed_in(finding: &AuditFinding) -> String {
    if finding.fixed_versions.is_empty() {
        "no fix".to_owned()
    } else {
        finding.fixed_versions.join(", ")
    }
}

/// `2.10, 2.10.1` or, for many versions, `2.0 … 2.10.3 (14 versions)`.
fn admits(versions: &[String]) -> String {
    match versions {
        [] => String::new(),
        [first, .., last] if versions.len() > 3 => {
            format!("{first} … {last} ({} versions)", versions.len())
        }
        _ => versions.join(", "),
    }
}

fn write_unauditable(out: &mut dyn Write, entry: &UnauditableEntry) -> io::Result<()> {
    writeln!(
        out,
        "  {}  {}  ({})",
        location(&entry.file, entry.line),
        entry.text,
        entry.reason
    )
}

fn write_problem(out: &mut dyn Write, problem: &Problem) -> io::Result<()> {
    match problem.position {
        Some(position) => writeln!(
            out,
            "error[{}]: {}:{}:{}: {}",
            problem.kind, problem.file, position.line, position.column, problem.message
        ),
        None => writeln!(
            out,
            "error[{}]: {}: {}",
            problem.kind, problem.file, problem.message
        ),
    }
}

/// Writes a table whose last column (the summary) is cut to fit `width`; with `reach`, an
/// `IMPORTED` column before it says where each finding's package is first imported.
fn table(
    out: &mut dyn Write,
    header: &[&str],
    rows: &[Vec<String>],
    findings: &[&AuditFinding],
    reach: bool,
    width: usize,
) -> io::Result<()> {
    let mut header: Vec<&str> = header.to_vec();
    let mut rows: Vec<Vec<String>> = rows.to_vec();
    if reach {
        header.insert(header.len() - 1, "IMPORTED");
        for (row, finding) in rows.iter_mut().zip(findings) {
            row.insert(row.len() - 1, imported(finding));
        }
    }
    let (header, rows) = (&header[..], &rows[..]);
    let last = header.len() - 1;
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (index, cell) in row.iter().enumerate().take(last) {
            widths[index] = widths[index].max(cell.chars().count());
        }
    }
    let used: usize = widths[..last].iter().map(|w| w + 2).sum();
    let summary_width = width.saturating_sub(used).max(MIN_SUMMARY);
    let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    for row in std::iter::once(&header).chain(rows) {
        let mut line = String::new();
        for (index, cell) in row.iter().enumerate() {
            if index == last {
                line.push_str(&truncate(cell, summary_width));
            } else {
                line.push_str(cell);
                let pad = widths[index] + 2 - cell.chars().count();
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

fn truncate(text: &str, width: usize) -> String {
    let text = text.lines().next().unwrap_or_default().trim();
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

fn summary_line(summary: &AuditSummary) -> String {
    let mut read = Vec::new();
    if summary.dependency_files > 0 || summary.environments == 0 {
        read.push(plural(
            summary.dependency_files,
            "dependency file",
            "dependency files",
        ));
    }
    if summary.environments > 0 {
        read.push(plural(summary.environments, "environment", "environments"));
    }
    let files = read.join(", ");
    let mut line = if summary.vulnerabilities == 0 {
        format!(
            "No known vulnerabilities in {} ({files})",
            plural(summary.dependencies, "dependency", "dependencies")
        )
    } else {
        let mut line = format!(
            "{} in {} ({files})",
            plural(summary.vulnerabilities, "vulnerability", "vulnerabilities"),
            plural(summary.packages, "package", "packages"),
        );
        if summary.ranges > 0 {
            line.push_str(&format!(
                ", {} of them only admitted by ranges",
                summary.ranges
            ));
        }
        line
    };
    if !summary.smallest_upgrades.is_empty() {
        let upgrades: Vec<String> = summary
            .smallest_upgrades
            .iter()
            .map(|upgrade| match &upgrade.fix {
                Some(fix) => format!("{} {} → {fix}", upgrade.package, upgrade.version),
                None => format!(
                    "{} {}: no single fixed version",
                    upgrade.package, upgrade.version
                ),
            })
            .collect();
        line.push_str("; smallest upgrades: ");
        line.push_str(&upgrades.join(", "));
    }
    let mut extra = Vec::new();
    if summary.suppressed > 0 {
        extra.push(format!("{} ignored", summary.suppressed));
    }
    if summary.ignored > 0 {
        extra.push(format!("{} accepted in configuration", summary.ignored));
    }
    if summary.unauditable > 0 {
        extra.push(format!("{} not audited", summary.unauditable));
    }
    if summary.errors > 0 {
        extra.push(plural(summary.errors, "error", "errors"));
    }
    if !extra.is_empty() {
        line.push_str(&format!(" ({})", extra.join(", ")));
    }
    line.push('.');
    line
}
