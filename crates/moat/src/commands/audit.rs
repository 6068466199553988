//! `moat audit`: dependency files → dependencies → known vulnerabilities, offline, from a
//! given OSV database (`--db`) or the cached one (`moat db import`).

use crate::args::{AuditArgs, AuditFormat};
use crate::commands::audit_accept::{Ignores, Sorted};
use crate::commands::dependency_files::{dependency_files, shown};
use crate::exit::{ExitStatus, UsageError};
use crate::reachability::ImportScan;
use crate::today::today;
use moat_advisory::{Database, PackageName, Vulnerability};
use moat_deps::{
    Dependency, Parsed, Requirement, Version, VersionSpecifiers, guessed_import_names,
    import_names, parse_environment, parse_file, site_packages_dirs,
};
use moat_report::audit::{
    AdvisoryLink, AuditFinding, AuditReport, AuditSummary, FindingKind, ImportLocation,
    ImportScanSummary, Reachable, SeverityScore, UnauditableEntry, Upgrade, write_json,
    write_sarif, write_text,
};
use moat_rules::all_meta;
use moat_workspace::{Config, DiscoveryOptions, discover};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Runs `moat audit`.
pub fn run(args: &AuditArgs) -> Result<ExitStatus, UsageError> {
    // `--env` alone audits the environments, not the current directory's files too.
    let files = if args.paths.is_empty() && !args.env.is_empty() {
        Vec::new()
    } else {
        dependency_files(&args.paths, "audit")?
    };
    let environments = environments(&args.env)?;
    let (database, advisory_problems, source) = match &args.db {
        Some(path) => {
            let (database, problems) = load_database(path)?;
            (database, problems, path.display().to_string())
        }
        None => {
            let loaded = super::db::load_cached()?;
            if let Some(warning) = super::db::staleness_warning(&loaded.header) {
                eprintln!("{warning}");
            }
            (loaded.database, loaded.problems, loaded.header.source)
        }
    };
    if let Some(summary) = super::db::describe_data_problems(&advisory_problems) {
        eprintln!("warning: `{source}`: {summary}");
    }
    let cwd = std::env::current_dir()
        .map_err(|e| UsageError(format!("cannot read the working directory: {e}")))?;
    let config = load_config(args, &cwd)?;
    let ignores = Ignores::new(&args.ignore_vuln, &config, &cwd, today());
    let scan = import_scan(args, &config, &cwd);
    let mut report = audit(&files, &environments, &database, &ignores, scan.as_ref());
    report.summary.advisory_problems = advisory_problems.len();

    let mut buffer = Vec::new();
    let rendered = match args.format {
        AuditFormat::Text => write_text(&report, text_width(), &mut buffer),
        AuditFormat::Json => write_json(&report, env!("CARGO_PKG_VERSION"), &mut buffer),
        AuditFormat::Sarif => write_sarif(&report, env!("CARGO_PKG_VERSION"), &mut buffer),
    };
    rendered.map_err(|e| UsageError(format!("cannot render the report: {e}")))?;
    super::deliver(args.output.as_deref(), &buffer)?;

    // A range that merely admits a vulnerable version is information: the version that
    // gets installed may well be fixed, so only pinned findings and unread files fail.
    let pinned_found = report
        .findings
        .iter()
        .any(|f| f.kind == FindingKind::Pinned);
    Ok(if !pinned_found && report.problems.is_empty() {
        ExitStatus::Success
    } else {
        ExitStatus::Failure
    })
}

/// The imports of the Python code in the audited project folders (the current directory
/// when no PATH is named); `None` when no Python file was found there, e.g. when only
/// dependency files are named.
fn import_scan(args: &AuditArgs, config: &Config, cwd: &Path) -> Option<ImportScan> {
    let folders: Vec<PathBuf> = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
            .iter()
            .filter(|path| path.is_dir())
            .cloned()
            .collect()
    };
    if folders.is_empty() {
        return None;
    }
    let discovered = discover(&folders, &DiscoveryOptions::from_config(config, cwd)).ok()?;
    let mut scan = ImportScan::run(&discovered.files, 0);
    // Paths discovery could not walk, or files over `max-file-size`, are left out too.
    scan.skipped.extend(discovered.problems);
    scan.skipped.sort();
    (scan.files > 0 || !scan.skipped.is_empty()).then_some(scan)
}

/// The configuration, found as `moat check` finds it (walking up from the audited paths),
/// or named with `--config`, or none with `--no-config`.
fn load_config(args: &AuditArgs, cwd: &Path) -> Result<Config, UsageError> {
    let rules = all_meta();
    let loaded = if args.no_config {
        Ok(Config::with_root(cwd))
    } else if let Some(path) = &args.config {
        Config::from_file(path, &rules)
    } else {
        let mut starts = args.paths.clone();
        starts.extend(args.env.iter().cloned());
        Config::discover(&starts, cwd, &rules)
    };
    loaded.map_err(|e| UsageError(e.to_string()))
}

/// The width text tables are fitted to: `COLUMNS` when it says at least 40, else 120.
fn text_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|columns| columns.trim().parse::<usize>().ok())
        .filter(|&columns| columns >= 40)
        .unwrap_or(120)
}

/// The environments named by `--env`, each checked to be a virtualenv or a `site-packages`
/// folder.
fn environments(paths: &[PathBuf]) -> Result<Vec<PathBuf>, UsageError> {
    let mut found = Vec::new();
    for path in paths {
        if !path.exists() {
            return Err(UsageError(format!(
                "`{}`: no such file or directory",
                path.display()
            )));
        }
        if site_packages_dirs(path).is_empty() {
            return Err(UsageError(format!(
                "`{}` is neither a virtualenv nor a `site-packages` folder: no \
                 `lib/pythonX.Y/site-packages`, `Lib/site-packages` or `*.dist-info` found in it",
                path.display()
            )));
        }
        let shown = shown(path);
        if !found.contains(&shown) {
            found.push(shown);
        }
    }
    Ok(found)
}

fn load_database(path: &Path) -> Result<(Database, Vec<moat_advisory::Problem>), UsageError> {
    let loaded = if path.is_dir() {
        Database::from_dir(path)
    } else {
        Database::from_zip(path)
    };
    loaded.map_err(|e| {
        UsageError(format!(
            "cannot load the advisory database `{}`: {e}",
            path.display()
        ))
    })
}

/// Audits the dependency files and installed environments against the database; no I/O
/// beyond reading them.
pub fn audit(
    files: &[PathBuf],
    environments: &[PathBuf],
    database: &Database,
    ignores: &Ignores,
    scan: Option<&ImportScan>,
) -> AuditReport {
    let mut parsed = Parsed::default();
    let mut read: BTreeSet<String> = BTreeSet::new();
    for file in files {
        read.insert(file.display().to_string());
        parsed.extend(parse_file(file));
    }
    read.extend(parsed.dependencies.iter().map(|d| d.source.file.clone()));
    for environment in environments {
        parsed.extend(parse_environment(environment));
    }
    let (dependencies, mut unauditable, mut problems) = parsed.into_parts();

    let mut raw: Vec<AuditFinding> = dependencies
        .iter()
        .flat_map(|dependency| findings_for(dependency, database))
        .collect();
    raw.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
    let mut seen = HashSet::new();
    raw.retain(|f| seen.insert((f.file.clone(), f.normalized_name.clone(), f.id.clone())));
    if let Some(scan) = scan {
        mark_reachability(&mut raw, &dependencies, scan);
    }

    let Sorted {
        reported: findings,
        ignored,
        suppressed,
    } = ignores.sort(raw);

    let mut seen_entries = HashSet::new();
    unauditable.retain(|entry| seen_entries.insert(entry.clone()));
    unauditable.sort_by(|a, b| (&a.source, &a.text).cmp(&(&b.source, &b.text)));
    let unauditable: Vec<UnauditableEntry> = unauditable
        .into_iter()
        .map(|entry| UnauditableEntry {
            file: entry.source.file,
            line: entry.source.line,
            package: entry.name,
            text: entry.text,
            reason: entry.reason,
        })
        .collect();
    problems.sort_by(|a, b| {
        (&a.file, a.position.map(|p| p.line), &a.message).cmp(&(
            &b.file,
            b.position.map(|p| p.line),
            &b.message,
        ))
    });
    problems.dedup();

    let mut upgrades: BTreeMap<(String, String), Option<String>> = BTreeMap::new();
    for finding in findings.iter().filter(|f| f.kind == FindingKind::Pinned) {
        if let Some(version) = &finding.version {
            upgrades.insert(
                (finding.normalized_name.clone(), version.clone()),
                finding.smallest_fix.clone(),
            );
        }
    }
    let packages: BTreeSet<&str> = findings
        .iter()
        .map(|f| f.normalized_name.as_str())
        .collect();
    let pinned = findings
        .iter()
        .filter(|f| f.kind == FindingKind::Pinned)
        .count();
    let summary = AuditSummary {
        vulnerabilities: findings.len(),
        pinned,
        ranges: findings.len() - pinned,
        packages: packages.len(),
        dependency_files: read.len(),
        environments: environments.len(),
        dependencies: dependencies.len(),
        unauditable: unauditable.len(),
        errors: problems.len(),
        suppressed,
        ignored: ignored.len(),
        advisory_problems: 0,
        smallest_upgrades: upgrades
            .into_iter()
            .map(|((package, version), fix)| Upgrade {
                package,
                version,
                fix,
            })
            .collect(),
    };
    AuditReport {
        import_scan: scan.map(|scan| ImportScanSummary {
            python_files: scan.files,
            skipped: scan.skipped.clone(),
        }),
        findings,
        ignored,
        unauditable,
        problems,
        summary,
    }
}

/// Sets each finding's `reachable` and `import_site` from the project's imports.
fn mark_reachability(
    findings: &mut [AuditFinding],
    dependencies: &[Dependency],
    scan: &ImportScan,
) {
    let by_source: HashMap<(&str, &str), &Dependency> = dependencies
        .iter()
        .map(|d| ((d.source.file.as_str(), d.normalized_name.as_str()), d))
        .collect();
    let mut names: HashMap<(String, String), Vec<String>> = HashMap::new();
    for finding in findings {
        let key = (finding.file.clone(), finding.normalized_name.clone());
        let modules = names.entry(key).or_insert_with(|| {
            by_source
                .get(&(finding.file.as_str(), finding.normalized_name.as_str()))
                .map_or_else(
                    || guessed_import_names(&finding.normalized_name),
                    |dependency| import_names(dependency),
                )
        });
        match scan.first_import(modules) {
            Some((file, line)) => {
                finding.reachable = Reachable::Imported;
                finding.import_site = Some(ImportLocation {
                    file: file.to_owned(),
                    line,
                });
            }
            None => finding.reachable = Reachable::NotImported,
        }
    }
}

fn sort_key(f: &AuditFinding) -> (&str, Option<u32>, &str, &str, FindingKind) {
    (&f.file, f.line, &f.normalized_name, &f.id, f.kind)
}

/// The findings for one dependency: affected pinned version, or affected versions a range
/// admits.
fn findings_for(dependency: &Dependency, database: &Database) -> Vec<AuditFinding> {
    let name = &dependency.normalized_name;
    match &dependency.requirement {
        Requirement::Pinned(version) => {
            let smallest_fix = database.smallest_fix(name, version).map(|v| v.to_string());
            database
                .vulnerabilities_for(name, version)
                .into_iter()
                .map(|vulnerability| {
                    finding(
                        dependency,
                        vulnerability,
                        FindingKind::Pinned,
                        vec![version.clone()],
                        smallest_fix.clone(),
                    )
                })
                .collect()
        }
        Requirement::Range(specifiers) => range_findings(dependency, database, [specifiers]),
        Requirement::AnyOf(sets) => range_findings(dependency, database, sets),
    }
}

fn range_findings<'a>(
    dependency: &Dependency,
    database: &Database,
    sets: impl IntoIterator<Item = &'a VersionSpecifiers>,
) -> Vec<AuditFinding> {
    let mut by_id: BTreeMap<&str, (&Vulnerability, BTreeSet<Version>)> = BTreeMap::new();
    for set in sets {
        for admitted in database.vulnerable_versions_in(&dependency.normalized_name, set) {
            by_id
                .entry(admitted.vulnerability.id.as_str())
                .or_insert_with(|| (admitted.vulnerability, BTreeSet::new()))
                .1
                .extend(admitted.versions);
        }
    }
    by_id
        .into_values()
        .map(|(vulnerability, versions)| {
            finding(
                dependency,
                vulnerability,
                FindingKind::Range,
                versions.into_iter().collect(),
                None,
            )
        })
        .collect()
}

fn finding(
    dependency: &Dependency,
    vulnerability: &Vulnerability,
    kind: FindingKind,
    admitted: Vec<Version>,
    smallest_fix: Option<String>,
) -> AuditFinding {
    let fixed_versions = vulnerability
        .package(&PackageName::new(&dependency.normalized_name))
        .map(|package| package.fixed.iter().map(ToString::to_string).collect())
        .unwrap_or_default();
    AuditFinding {
        package: dependency.name.clone(),
        version: dependency.requirement.pinned().map(ToString::to_string),
        requirement: dependency.requirement.to_string(),
        file: dependency.source.file.clone(),
        line: dependency.source.line,
        id: vulnerability.id.as_str().to_owned(),
        aliases: vulnerability
            .aliases
            .iter()
            .map(|id| id.as_str().to_owned())
            .collect(),
        summary: vulnerability.headline(),
        severity: vulnerability
            .severity
            .iter()
            .map(|s| SeverityScore {
                kind: s.kind.clone(),
                score: s.score.clone(),
            })
            .collect(),
        cwe: vulnerability.cwe_ids.clone(),
        fixed_versions,
        smallest_fix,
        kind,
        admitted_versions: admitted.iter().map(ToString::to_string).collect(),
        reachable: Reachable::Unknown,
        import_site: None,
        expired_acceptance: None,
        normalized_name: dependency.normalized_name.clone(),
        details: vulnerability.details.clone(),
        references: vulnerability
            .references
            .iter()
            .map(|reference| AdvisoryLink {
                kind: reference.kind.clone(),
                url: reference.url.clone(),
            })
            .collect(),
    }
}
