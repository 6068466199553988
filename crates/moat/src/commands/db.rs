//! `moat db`: the cached OSV database. `import` loads a local export and `update` downloads
//! one (see `crate::download`); both write the index atomically, so a failed import or
//! download leaves the previous one working. `status` describes it.
//! `moat audit` reads the same index when it is given no `--db`.
//!
//! The cache folder is `$MOAT_CACHE_DIR`, else `$XDG_CACHE_HOME/moat`, else
//! `$HOME/.cache/moat`, else `%LOCALAPPDATA%\moat`, on every platform; the index is
//! `osv-pypi.idx` in it.

use crate::args::{DbArgs, DbCommand, DbFormat, DbImportArgs, DbStatusArgs, DbUpdateArgs};
use crate::download::{self, Outcome, Validators};
use crate::exit::{ExitStatus, UsageError};
use crate::today::{day_number, now_seconds, rfc3339, today};
use moat_advisory::{Database, IndexError, IndexHeader, IndexMeta, LoadedIndex};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The index's file name in the cache folder.
const INDEX_FILE: &str = "osv-pypi.idx";

/// A database whose newest advisory is older than this many days gets a warning.
const STALE_AFTER_DAYS: i64 = 7;

/// How to get a database into the cache; ends every "no usable database" message.
const IMPORT_HINT: &str = "run `moat db update`, or `moat db import FILE.zip|DIR` with an OSV export (such as OSV's `PyPI/all.zip`)";

/// Runs `moat db`.
pub fn run(args: &DbArgs) -> Result<ExitStatus, UsageError> {
    match &args.command {
        DbCommand::Import(args) => import(args),
        DbCommand::Status(args) => status(args),
        DbCommand::Update(args) => update(args),
    }
}

/// The cache folder (see the module docs).
fn cache_dir() -> Result<PathBuf, UsageError> {
    let var = |name: &str| std::env::var_os(name).filter(|value| !value.is_empty());
    var("MOAT_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| var("XDG_CACHE_HOME").map(|dir| PathBuf::from(dir).join("moat")))
        .or_else(|| var("HOME").map(|dir| PathBuf::from(dir).join(".cache").join("moat")))
        .or_else(|| var("LOCALAPPDATA").map(|dir| PathBuf::from(dir).join("moat")))
        .ok_or_else(|| {
            UsageError(
                "cannot find a cache folder: set MOAT_CACHE_DIR (or XDG_CACHE_HOME or HOME)"
                    .to_owned(),
            )
        })
}

/// The path of the cached index.
fn index_path() -> Result<PathBuf, UsageError> {
    cache_dir().map(|dir| dir.join(INDEX_FILE))
}

/// Reads the cached index for `moat audit`; a missing or damaged index is a usage error
/// that says how to fix it.
pub fn load_cached() -> Result<LoadedIndex, UsageError> {
    let path = index_path()?;
    Database::read_index(&path).map_err(|error| unusable_index(&path, &error))
}

/// The message for an index that cannot be read.
fn unusable_index(path: &Path, error: &IndexError) -> UsageError {
    UsageError(match error {
        IndexError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => format!(
            "no advisory database in the cache (`{}`); {IMPORT_HINT}",
            path.display()
        ),
        IndexError::NotAnIndex { .. } => format!(
            "the cached advisory database `{}` is not a Moat advisory index; re-import it: {IMPORT_HINT}",
            path.display()
        ),
        IndexError::UnsupportedFormat { .. } => format!(
            "the cached advisory database `{}` was written by another version of Moat; re-import it: {IMPORT_HINT}",
            path.display()
        ),
        IndexError::Corrupt { reason, .. } => format!(
            "the cached advisory database `{}` is corrupt ({reason}); re-import it: {IMPORT_HINT}",
            path.display()
        ),
        other => format!(
            "cannot read the cached advisory database `{}`: {other}",
            path.display()
        ),
    })
}

/// How many days the newest advisory is older than today, when that exceeds the limit.
fn stale_days(newest_modified: Option<&str>) -> Option<i64> {
    let age = day_number(&today())? - day_number(newest_modified?)?;
    (age > STALE_AFTER_DAYS).then_some(age)
}

/// The warning for a cached database whose newest advisory is more than 7 days old.
pub fn staleness_warning(header: &IndexHeader) -> Option<String> {
    let days = stale_days(header.newest_modified.as_deref())?;
    Some(format!(
        "warning: the cached advisory database is {days} days old (newest advisory modified {}); \
         refresh it with `moat db update` (or `moat db import FILE.zip|DIR` with a newer export)",
        header.newest_modified.as_deref().unwrap_or_default()
    ))
}

fn import(args: &DbImportArgs) -> Result<ExitStatus, UsageError> {
    let given = &args.source;
    let source = std::fs::canonicalize(given)
        .map_err(|e| unchanged(format!("`{}`: {e}", given.display())))?;
    let label = source.display().to_string();
    let out = install(&source, &label, &given.display().to_string())?;
    super::deliver(None, &out)?;
    Ok(ExitStatus::Success)
}

/// A failure that left the cached database as it was.
fn unchanged(reason: String) -> UsageError {
    UsageError(format!("{reason}; the cached database was left unchanged"))
}

/// Loads the export at `source` (a zip or a folder) and replaces the cached index with it,
/// recording `label` as its source. Returns the report to print. The index is replaced
/// atomically, so on any error the previous one still works.
fn install(source: &Path, label: &str, shown: &str) -> Result<Vec<u8>, UsageError> {
    let loaded = if source.is_dir() {
        Database::from_dir(source)
    } else {
        Database::from_zip(source)
    };
    let (database, problems) = loaded
        .map_err(|e| unchanged(format!("cannot load the advisory database `{shown}`: {e}")))?;
    if database.advisory_count() == 0 {
        return Err(unchanged(format!(
            "`{shown}` holds no usable OSV advisories"
        )));
    }

    let path = index_path()?;
    if let Some(dir) = path.parent() {
        fs_err::create_dir_all(dir).map_err(|e| unchanged(e.to_string()))?;
    }
    let meta = IndexMeta {
        source: label.to_owned(),
        built_at: now_seconds(),
    };
    let header = database
        .write_index(&path, &meta)
        .map_err(|e| unchanged(format!("cannot write the index: {e}")))?;
    let size = fs_err::metadata(&path).map_or(0, |m| m.len());

    let mut out = Vec::new();
    let _ = writeln!(
        out,
        "imported {} advisories ({} withdrawn) from `{}`",
        header.advisory_count, header.withdrawn_count, header.source
    );
    if let Some(summary) = describe_data_problems(&problems) {
        let _ = writeln!(out, "{summary}");
    }
    let _ = writeln!(out, "index: `{}` ({})", path.display(), human_size(size));
    Ok(out)
}

/// The file beside the index that remembers the `ETag` / `Last-Modified` of the download
/// it was built from, for the next conditional `moat db update`.
fn validators_path(index: &Path) -> PathBuf {
    index.with_extension("idx.http.json")
}

/// The validators of the cached index, when it was downloaded from `url` and is readable.
fn cached_validators(index: &Path, url: &str) -> Option<Validators> {
    let header = Database::read_index_header(index).ok()?;
    if header.source != url {
        return None;
    }
    let text = fs_err::read_to_string(validators_path(index)).ok()?;
    let validators: Validators = serde_json::from_str(&text).ok()?;
    (validators.etag.is_some() || validators.last_modified.is_some()).then_some(validators)
}

fn update(args: &DbUpdateArgs) -> Result<ExitStatus, UsageError> {
    let url = args.url.as_str();
    download::check_url(url).map_err(|e| UsageError(e.to_string()))?;
    let path = index_path()?;
    let dir = path
        .parent()
        .ok_or_else(|| UsageError(format!("`{}` has no parent folder", path.display())))?;
    fs_err::create_dir_all(dir).map_err(|e| unchanged(e.to_string()))?;

    let validators = (!args.force)
        .then(|| cached_validators(&path, url))
        .flatten();
    // The download goes to a temporary file beside the index, removed on every path out.
    let mut temporary = tempfile::Builder::new()
        .prefix(".osv-download-")
        .suffix(".zip")
        .tempfile_in(dir)
        .map_err(|e| unchanged(format!("cannot create a file in `{}`: {e}", dir.display())))?;
    let request = download::Request {
        url,
        timeout: Duration::from_secs(args.timeout),
        validators: validators.as_ref(),
    };
    let outcome = download::download(&request, temporary.as_file_mut())
        .map_err(|e| unchanged(e.to_string()))?;
    let (bytes, fresh) = match outcome {
        Outcome::NotModified => {
            let mut out = Vec::new();
            let _ = writeln!(
                out,
                "the cached advisory database is up to date with `{url}` (the server reported no change)"
            );
            let _ = writeln!(out, "index: `{}`", path.display());
            super::deliver(None, &out)?;
            return Ok(ExitStatus::Success);
        }
        Outcome::Downloaded { bytes, validators } => (bytes, validators),
    };

    let mut out = Vec::new();
    let _ = writeln!(out, "downloaded {} from `{url}`", human_size(bytes));
    out.extend(install(temporary.path(), url, url)?);
    // Written after the index: a stale file here only costs one unconditional download.
    let remembered = serde_json::to_string_pretty(&fresh).unwrap_or_default();
    if let Err(e) = fs_err::write(validators_path(&path), remembered) {
        eprintln!(
            "warning: cannot remember the download's validators ({e}); the next update downloads the export again"
        );
    }
    super::deliver(None, &out)?;
    Ok(ExitStatus::Success)
}

/// `moat db status --format json`.
#[derive(Debug, Serialize)]
struct StatusJson<'a> {
    source: &'a str,
    built_at: String,
    newest_modified: Option<&'a str>,
    advisories: u64,
    withdrawn: u64,
    vulnerabilities: u64,
    index: String,
    index_size: u64,
    stale: bool,
}

fn status(args: &DbStatusArgs) -> Result<ExitStatus, UsageError> {
    let path = index_path()?;
    let header = Database::read_index_header(&path).map_err(|e| unusable_index(&path, &e))?;
    let size = fs_err::metadata(&path).map_or(0, |m| m.len());
    let warning = staleness_warning(&header);

    let mut out = Vec::new();
    match args.format {
        DbFormat::Text => {
            let _ = writeln!(out, "source:          {}", header.source);
            let _ = writeln!(out, "built:           {}", rfc3339(header.built_at));
            let _ = writeln!(
                out,
                "newest advisory: {}",
                header.newest_modified.as_deref().unwrap_or("unknown")
            );
            let _ = writeln!(
                out,
                "advisories:      {} ({} withdrawn; {} vulnerabilities after merging aliases)",
                header.advisory_count, header.withdrawn_count, header.vulnerability_count
            );
            let _ = writeln!(
                out,
                "index:           {} ({})",
                path.display(),
                human_size(size)
            );
        }
        DbFormat::Json => {
            let json = StatusJson {
                source: &header.source,
                built_at: rfc3339(header.built_at),
                newest_modified: header.newest_modified.as_deref(),
                advisories: header.advisory_count,
                withdrawn: header.withdrawn_count,
                vulnerabilities: header.vulnerability_count,
                index: path.display().to_string(),
                index_size: size,
                stale: warning.is_some(),
            };
            serde_json::to_writer_pretty(&mut out, &json)
                .map_err(|e| UsageError(format!("cannot render the status: {e}")))?;
            out.push(b'\n');
        }
    }
    if let Some(warning) = warning {
        eprintln!("{warning}");
    }
    super::deliver(None, &out)?;
    Ok(ExitStatus::Success)
}

/// `1234567` → `1.2 MiB`.
fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KiB", "MiB", "GiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} bytes")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// One line summing up what was wrong in the advisory data, by kind, or `None` when nothing
/// was (`30 problems in the advisory data (28 invalid-version, 2 invalid-range-event); …`).
pub fn describe_data_problems(problems: &[moat_advisory::Problem]) -> Option<String> {
    if problems.is_empty() {
        return None;
    }
    let mut by_kind: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for problem in problems {
        *by_kind.entry(problem.kind.as_str()).or_default() += 1;
    }
    let kinds: Vec<String> = by_kind
        .iter()
        .map(|(kind, n)| format!("{n} {kind}"))
        .collect();
    Some(format!(
        "{} problem{} in the advisory data ({}); unreadable records are skipped, a bad version only drops the range event it is in",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" },
        kinds.join(", ")
    ))
}
