//! The counts that close a report, and the one-line text summary built from them.

use moat_diagnostics::{Finding, Severity};
use std::time::Duration;

/// Counts of a run that the findings and problems alone do not tell.
///
/// The number of reported findings and their split by severity are taken from
/// [`Report::findings`](crate::Report::findings), so they cannot disagree with it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files that were analysed.
    pub files_analysed: usize,
    /// Files that could not be analysed (each has at least one problem).
    pub files_with_problems: usize,
    /// Findings silenced by inline comments (`# moat: ignore[…]`, `# nosec`, `# noqa`).
    pub suppressed: usize,
    /// Findings absorbed by the baseline.
    pub baselined: usize,
    /// Files of test code that only the rules checking test code ran on (`--check-tests`
    /// runs every rule there); shown in the text summary only.
    pub test_files_limited: usize,
    /// Wall-clock time of the run; shown in the text summary only, never in JSON or SARIF.
    pub duration: Duration,
}

/// How many findings there are of each severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct SeverityCounts {
    pub(crate) low: usize,
    pub(crate) medium: usize,
    pub(crate) high: usize,
    pub(crate) critical: usize,
}

impl SeverityCounts {
    pub(crate) fn of(findings: &[Finding]) -> Self {
        let mut counts = Self::default();
        for finding in findings {
            *counts.slot(finding.severity) += 1;
        }
        counts
    }

    fn slot(&mut self, severity: Severity) -> &mut usize {
        match severity {
            Severity::Low => &mut self.low,
            Severity::Medium => &mut self.medium,
            Severity::High => &mut self.high,
            Severity::Critical => &mut self.critical,
        }
    }

    fn total(self) -> usize {
        self.low + self.medium + self.high + self.critical
    }

    /// Non-zero counts, highest severity first: `3 high, 9 medium`.
    fn breakdown(self) -> String {
        [
            (self.critical, Severity::Critical),
            (self.high, Severity::High),
            (self.medium, Severity::Medium),
            (self.low, Severity::Low),
        ]
        .into_iter()
        .filter(|&(count, _)| count > 0)
        .map(|(count, severity)| format!("{count} {severity}"))
        .collect::<Vec<_>>()
        .join(", ")
    }
}

/// The last line of the text output, e.g.
/// `Found 12 findings (3 high, 9 medium) in 40 files (0.52s); 2 files could not be analysed; 1 suppressed; 4 in baseline.`
pub(crate) fn summary_line(summary: &Summary, counts: SeverityCounts) -> String {
    let files = plural(summary.files_analysed, "file", "files");
    let seconds = summary.duration.as_secs_f64();
    let mut line = match counts.total() {
        0 => format!("No findings in {files} ({seconds:.2}s)"),
        total => format!(
            "Found {} ({}) in {files} ({seconds:.2}s)",
            plural(total, "finding", "findings"),
            counts.breakdown()
        ),
    };
    if summary.files_with_problems > 0 {
        let verb = if summary.files_with_problems == 1 {
            "file could not be analysed"
        } else {
            "files could not be analysed"
        };
        line.push_str(&format!("; {} {verb}", summary.files_with_problems));
    }
    if summary.suppressed > 0 {
        line.push_str(&format!("; {} suppressed", summary.suppressed));
    }
    if summary.baselined > 0 {
        line.push_str(&format!("; {} in baseline", summary.baselined));
    }
    if summary.test_files_limited > 0 {
        line.push_str(&format!(
            "; {} checked only by the rules meant for test code (`--check-tests` runs every rule there)",
            plural(summary.test_files_limited, "test file", "test files")
        ));
    }
    line.push('.');
    line
}

/// `1 file`, `2 files`: the count and the noun in the right number.
pub(crate) fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(low: usize, medium: usize, high: usize, critical: usize) -> SeverityCounts {
        SeverityCounts {
            low,
            medium,
            high,
            critical,
        }
    }

    #[test]
    fn test_files_checked_by_fewer_rules_are_counted() {
        let summary = Summary {
            files_analysed: 40,
            test_files_limited: 12,
            ..Summary::default()
        };
        assert_eq!(
            summary_line(&summary, SeverityCounts::default()),
            "No findings in 40 files (0.00s); 12 test files checked only by the rules meant for test code (`--check-tests` runs every rule there)."
        );
    }

    #[test]
    fn no_findings() {
        let summary = Summary {
            files_analysed: 40,
            ..Summary::default()
        };
        assert_eq!(
            summary_line(&summary, SeverityCounts::default()),
            "No findings in 40 files (0.00s)."
        );
    }

    #[test]
    fn everything_counted_highest_severity_first() {
        let summary = Summary {
            files_analysed: 40,
            files_with_problems: 2,
            suppressed: 1,
            baselined: 4,
            test_files_limited: 0,
            duration: Duration::from_millis(520),
        };
        assert_eq!(
            summary_line(&summary, counts(0, 9, 3, 1)),
            "Found 13 findings (1 critical, 3 high, 9 medium) in 40 files (0.52s); \
             2 files could not be analysed; 1 suppressed; 4 in baseline."
        );
    }

    #[test]
    fn singular_forms() {
        let summary = Summary {
            files_analysed: 1,
            files_with_problems: 1,
            ..Summary::default()
        };
        assert_eq!(
            summary_line(&summary, counts(1, 0, 0, 0)),
            "Found 1 finding (1 low) in 1 file (0.00s); 1 file could not be analysed."
        );
    }
}
