//! Command-line arguments: one list of flags, each with its own docs.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Moat: a fast security analyzer for Python code.
#[derive(Debug, Parser)]
#[command(name = "moat", version, about, long_about = None, propagate_version = true)]
#[command(
    after_help = "Exit status: 0 no findings and every file analysed; 1 findings, or files that could not be analysed; 2 usage or configuration error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Moat's subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyse Python files for security weaknesses.
    Check(Box<CheckArgs>),
    /// List every rule with its category, severity, CWE and Bandit/Ruff aliases.
    Rules(RulesArgs),
    /// Print a rule's documentation (accepts Bandit `B602` and Ruff `S602` aliases).
    Explain(ExplainArgs),
    /// Audit dependency files for known vulnerabilities, offline, from an OSV database.
    #[command(
        after_help = "Exit status: 0 nothing found and every dependency file read; 1 a pinned, locked or installed version is vulnerable (accepted ones excepted), or files that could not be parsed (ranges that admit vulnerable versions are reported without failing); 2 usage or configuration error, missing path, an --env path that is no environment, or unusable database."
    )]
    Audit(AuditArgs),
    /// Manage the cached OSV database that `moat audit` uses when no `--db` is given.
    #[command(
        after_help = "Exit status: 0 success (for `update`, also when the cached copy is current); 2 usage error, unusable input, a failed download, or no usable cached database. A failed import or download leaves the cached database as it was."
    )]
    Db(DbArgs),
    /// Write a software bill of materials (CycloneDX 1.6 or SPDX 2.3 JSON) of a project's dependencies or an installed environment.
    #[command(
        after_help = "Exit status: 0 the SBOM was written and every dependency file read; 1 the SBOM was written but some files or entries could not be parsed (each reported on standard error, and left out); 2 usage error, a missing path, a folder with no dependency files, or an --env with no installed distributions."
    )]
    Sbom(SbomArgs),
    /// Analyse one regular expression for catastrophic backtracking (ReDoS).
    #[command(
        after_help = "Exit status: 0 safe; 1 polynomial, exponential or unknown; 2 usage error or a pattern that does not compile."
    )]
    Regex(RegexArgs),
}

/// Output formats of `moat check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Code frames for people, with a summary line.
    Text,
    /// One JSON document (see docs/output-formats.md).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other viewers.
    Sarif,
}

/// When to colour text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is unset.
    Auto,
    Always,
    Never,
}

/// Arguments of `moat check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to analyse [default: the current directory].
    pub paths: Vec<PathBuf>,

    /// Run only these rules: ids, categories (`crypto`), Bandit/Ruff aliases (`B602`, `S602`) or `ALL`. Replaces the configured selection.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Option<Vec<String>>,

    /// Also run these rules, on top of the configured or default selection.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub extend_select: Vec<String>,

    /// Do not run these rules (ids, categories or aliases); wins over `--select`.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,

    /// Report only findings of at least this severity.
    #[arg(long, value_name = "LEVEL", value_parser = ["low", "medium", "high", "critical"])]
    pub severity: Option<String>,

    /// Report only findings of at least this confidence.
    #[arg(long, value_name = "LEVEL", value_parser = ["low", "medium", "high"])]
    pub confidence: Option<String>,

    /// Run every selected rule on test code too (test folders, test_*.py, conftest.py); by default only trojan-source and leaked-secret do (`moat explain RULE` says which).
    #[arg(long)]
    pub check_tests: bool,

    /// Exit with status 0 even when there are findings (problems with files still exit 1).
    #[arg(long)]
    pub exit_zero: bool,

    /// Read configuration from this file (`pyproject.toml` or `moat.toml`) instead of searching for one.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Ignore configuration files.
    #[arg(long)]
    pub no_config: bool,

    /// Skip files and directories matching these globs (gitignore syntax), in addition to the configured ones.
    #[arg(long, value_delimiter = ',', value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Analyse only files matching these globs [default: *.py, *.pyi]. Files named on the command line are always analysed.
    #[arg(long, value_delimiter = ',', value_name = "GLOB")]
    pub include: Vec<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    /// Write the report to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,

    /// Record every current finding in this baseline file (keeping reasons and expiry dates of entries that still match), then exit.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// When to use colour in text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Number of threads [default: one per core].
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

/// Output formats of `moat rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
}

/// Arguments of `moat rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,
}

/// Arguments of `moat explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Rule id, or its Bandit (`B602`) or Ruff (`S602`) alias.
    pub rule: String,
}

/// Output formats of `moat audit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuditFormat {
    /// A table for people, with a summary line.
    Text,
    /// One JSON document (see docs/output-formats.md).
    Json,
    /// SARIF 2.1.0: one rule per vulnerability, results at the requirement's line.
    Sarif,
}

/// Arguments of `moat audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Project folders (their dependency files are detected) or dependency files [default: the current directory].
    pub paths: Vec<PathBuf>,

    /// The OSV database: a zip export such as PyPI's `all.zip`, or a folder of OSV `.json` files [default: the cached database written by `moat db import`].
    #[arg(long, value_name = "FILE.zip|DIR")]
    pub db: Option<PathBuf>,

    /// Do not report this vulnerability (any of its ids or aliases); repeatable.
    #[arg(long, value_name = "ID")]
    pub ignore_vuln: Vec<String>,

    /// Read configuration (`[tool.moat.audit]`) from this file (`pyproject.toml` or `moat.toml`) instead of searching for one.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Ignore configuration files.
    #[arg(long)]
    pub no_config: bool,

    /// Audit the packages installed in this environment: a virtualenv or a `site-packages` folder (its `*.dist-info/METADATA`); repeatable. Without PATHs, only the environments are audited.
    #[arg(long, value_name = "PATH")]
    pub env: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = AuditFormat::Text)]
    pub format: AuditFormat,

    /// Write the report to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Arguments of `moat db`.
#[derive(Debug, Args)]
pub struct DbArgs {
    #[command(subcommand)]
    pub command: DbCommand,
}

/// `moat db`'s subcommands.
#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Load a local OSV export (zip or folder) into the cache, replacing the cached database atomically.
    Import(DbImportArgs),
    /// Show the cached database: source, build time, newest advisory, counts, index path and size.
    Status(DbStatusArgs),
    /// Download OSV's PyPI export and import it, replacing the cached database atomically; does nothing when the server says the cached copy is current.
    Update(DbUpdateArgs),
}

/// Arguments of `moat db import`.
#[derive(Debug, Args)]
pub struct DbImportArgs {
    /// A zip export such as OSV's `PyPI/all.zip`, or a folder of OSV `.json` files.
    #[arg(value_name = "FILE.zip|DIR")]
    pub source: PathBuf,
}

/// Arguments of `moat db update`.
#[derive(Debug, Args)]
pub struct DbUpdateArgs {
    /// Where to download the export from: an `https://` URL (plain `http://` only for loopback hosts).
    #[arg(long, value_name = "URL", default_value = DEFAULT_DB_URL)]
    pub url: String,

    /// Seconds to wait for the server to resolve, connect and answer, and for each read of the download.
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,

    /// Download even when the server says the cached copy is current.
    #[arg(long)]
    pub force: bool,
}

/// OSV's export of every PyPI advisory.
pub const DEFAULT_DB_URL: &str = "https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip";

/// Output formats of `moat db status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DbFormat {
    Text,
    Json,
}

/// Arguments of `moat db status`.
#[derive(Debug, Args)]
pub struct DbStatusArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = DbFormat::Text)]
    pub format: DbFormat,
}

/// Output formats of `moat sbom`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SbomFormat {
    /// CycloneDX 1.6 JSON.
    CyclonedxJson,
    /// SPDX 2.3 JSON.
    SpdxJson,
}

/// Arguments of `moat sbom`.
#[derive(Debug, Args)]
pub struct SbomArgs {
    /// Project folders (their dependency files are detected, as for `moat audit`) or dependency files [default: the current directory, unless --env is given].
    pub paths: Vec<PathBuf>,

    /// Also describe the distributions installed in this environment: a virtualenv or a `site-packages` folder (licences come from their metadata).
    #[arg(long, value_name = "PATH")]
    pub env: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = SbomFormat::CyclonedxJson)]
    pub format: SbomFormat,

    /// Write the SBOM to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Output formats of `moat regex`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RegexFormat {
    /// A report for people, with the vulnerable part underlined.
    Text,
    /// One JSON document (see docs/output-formats.md).
    Json,
}

/// How the pattern is applied, as in Python.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RegexMode {
    /// `re.search`, `findall`, `finditer`, `sub`, `split`: tried at every position.
    Search,
    /// `re.match`: tried at the start only.
    Match,
    /// `re.fullmatch`: the whole text must match.
    Fullmatch,
}

/// Arguments of `moat regex`.
#[derive(Debug, Args)]
pub struct RegexArgs {
    /// The pattern, as the text of a Python raw string (`r'...'`).
    pub pattern: String,

    /// Flags as given to `re.compile`: letters or names, comma-separated (`i,m`, `IGNORECASE,VERBOSE`).
    #[arg(long, value_name = "FLAGS", default_value = "")]
    pub flags: String,

    /// Treat the pattern as a bytes pattern (`rb'...'`); it may hold only characters up to U+00FF.
    #[arg(long)]
    pub bytes: bool,

    /// How the pattern is applied.
    #[arg(long, value_enum, default_value_t = RegexMode::Search)]
    pub mode: RegexMode,

    /// Output format.
    #[arg(long, value_enum, default_value_t = RegexFormat::Text)]
    pub format: RegexFormat,
}
