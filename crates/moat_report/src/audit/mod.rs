//! The report of `moat audit` (dependencies against an OSV database): its types, which are
//! the stable contract of `--format json`, and the text, JSON and SARIF writers. Documented
//! in `docs/output-formats.md` (*`moat audit` output*).

mod cvss;
mod json;
mod sarif;
mod text;

use moat_diagnostics::Problem;
use serde::Serialize;

pub use json::write_json;
pub use sarif::write_sarif;
pub use text::write_text;

/// Whether a finding is about a pinned version or about a range that admits vulnerable
/// versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingKind {
    /// The pinned, locked or installed version is affected.
    Pinned,
    /// The requirement is a range that still admits affected versions.
    Range,
}

/// A severity score as OSV writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeverityScore {
    /// `CVSS_V3`, `CVSS_V4`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// The score or vector.
    pub score: String,
}

/// One vulnerability affecting one dependency.
#[derive(Debug, Clone, Serialize)]
pub struct AuditFinding {
    /// The package name as written.
    pub package: String,
    /// The pinned version; `None` for a range.
    pub version: Option<String>,
    /// The requirement as text (`==2.10`, `>=2.10, <2.11`).
    pub requirement: String,
    /// The dependency file.
    pub file: String,
    /// 1-based line, when the format has one.
    pub line: Option<u32>,
    /// The preferred vulnerability id.
    pub id: String,
    /// Every other id of the vulnerability.
    pub aliases: Vec<String>,
    /// The summary, or the first line of the details.
    pub summary: Option<String>,
    /// Severity scores, when the advisories have them.
    pub severity: Vec<SeverityScore>,
    /// CWE numbers of the vulnerability (from its advisories' `database_specific.cwe_ids`),
    /// possibly empty.
    pub cwe: Vec<u32>,
    /// The versions that fix the vulnerability for this package.
    pub fixed_versions: Vec<String>,
    /// The smallest version that fixes every vulnerability of the pinned version.
    pub smallest_fix: Option<String>,
    /// Pinned or range.
    pub kind: FindingKind,
    /// The affected versions the requirement admits (the pinned version itself for a pin).
    pub admitted_versions: Vec<String>,
    /// The PEP 503 name, for grouping.
    #[serde(skip)]
    pub normalized_name: String,
    /// Whether the project's own Python code imports the package (import level only).
    pub reachable: Reachable,
    /// The first import of the package, when `reachable` is `imported`.
    pub import_site: Option<ImportLocation>,
    /// Set when the configuration accepted this vulnerability until a day that has passed:
    /// it is reported again.
    pub expired_acceptance: Option<ExpiredAcceptance>,
    /// The advisory's longer description (SARIF help only).
    #[serde(skip)]
    pub details: Option<String>,
    /// The advisories' reference links (SARIF help only).
    #[serde(skip)]
    pub references: Vec<AdvisoryLink>,
}

/// Whether the project's code imports a vulnerable package. Import level only: an imported
/// package may never reach its vulnerable function, and code can load a module in ways no
/// parser sees (plugins, `__import__` of computed names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reachable {
    /// An `import`, `from … import` or `importlib.import_module("…")` of the package's
    /// top-level module was found.
    Imported,
    /// No Python code was analysed (a lone dependency file was given).
    #[default]
    Unknown,
    /// The project's Python files were read and none imports it.
    NotImported,
}

impl Reachable {
    /// `imported`, `unknown`, `not-imported`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Imported => "imported",
            Self::Unknown => "unknown",
            Self::NotImported => "not-imported",
        }
    }
}

/// Where a module is imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportLocation {
    /// The Python file, as displayed.
    pub file: String,
    /// 1-based line of the import.
    pub line: u32,
}

/// What the import scan for reachability read.
#[derive(Debug, Clone, Default)]
pub struct ImportScanSummary {
    /// Python files whose imports were read.
    pub python_files: usize,
    /// Python files that could not be read or parsed: left out of the scan, not errors of
    /// the audit.
    pub skipped: Vec<Problem>,
}

/// An acceptance of a vulnerability in the configuration whose expiry date has passed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExpiredAcceptance {
    /// The last day the acceptance held (`YYYY-MM-DD`).
    pub expires: String,
    /// The reason it gave.
    pub reason: String,
    /// Where it is written: `file:line`.
    pub config: String,
}

/// A finding the configuration accepts (`[[tool.moat.audit.ignore]]`), not reported.
#[derive(Debug, Clone, Serialize)]
pub struct IgnoredFinding {
    /// The finding, as it would have been reported.
    #[serde(flatten)]
    pub finding: AuditFinding,
    /// Why it is accepted.
    pub reason: String,
    /// The last day the acceptance holds, if it expires.
    pub expires: Option<String>,
    /// Where the acceptance is written: `file:line`.
    pub config: String,
}

/// A reference link of an advisory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdvisoryLink {
    /// OSV's reference type: `ADVISORY`, `FIX`, `WEB`, …
    pub kind: String,
    /// The link.
    pub url: String,
}

/// The smallest upgrade of a vulnerable pinned package.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Upgrade {
    /// The package (normalised name).
    pub package: String,
    /// The pinned version.
    pub version: String,
    /// The smallest version fixing all its known vulnerabilities; `None` when there is none.
    pub fix: Option<String>,
}

/// Counts for the run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AuditSummary {
    /// Reported vulnerabilities (the length of `vulnerabilities`).
    pub vulnerabilities: usize,
    /// Of them, findings about pinned versions.
    pub pinned: usize,
    /// Of them, findings about ranges that admit vulnerable versions.
    pub ranges: usize,
    /// Distinct packages with a finding.
    pub packages: usize,
    /// Dependency files read (includes counted).
    pub dependency_files: usize,
    /// Installed environments read (`--env`).
    pub environments: usize,
    /// Dependencies audited.
    pub dependencies: usize,
    /// Entries that could not be audited.
    pub unauditable: usize,
    /// Files or lines that could not be read or parsed.
    pub errors: usize,
    /// Findings silenced by `--ignore-vuln`.
    pub suppressed: usize,
    /// Findings accepted by the configuration (the length of `ignored`).
    pub ignored: usize,
    /// Advisory records of the database that could not be used.
    pub advisory_problems: usize,
    /// The smallest upgrade of each vulnerable pinned package.
    pub smallest_upgrades: Vec<Upgrade>,
}

/// A dependency that names a package but cannot be audited (editable, VCS, URL or path
/// requirement).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct UnauditableEntry {
    /// The dependency file.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<u32>,
    /// The package name, when the entry states one.
    pub package: Option<String>,
    /// The entry as written.
    pub text: String,
    /// Why it cannot be audited (`editable install`, …).
    pub reason: String,
}

/// Everything an audit found.
#[derive(Debug, Clone, Default)]
pub struct AuditReport {
    /// Sorted by file, line, package, id.
    pub findings: Vec<AuditFinding>,
    /// What the reachability scan read; `None` when no Python code was analysed.
    pub import_scan: Option<ImportScanSummary>,
    /// Findings accepted by the configuration, in the order of `findings`.
    pub ignored: Vec<IgnoredFinding>,
    /// Sorted by file and line.
    pub unauditable: Vec<UnauditableEntry>,
    /// Sorted by file and line.
    pub problems: Vec<Problem>,
    /// Counts.
    pub summary: AuditSummary,
}
