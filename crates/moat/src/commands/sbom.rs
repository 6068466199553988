//! `moat sbom`: dependency files and installed environments → a CycloneDX 1.6 or SPDX 2.3
//! JSON software bill of materials.

use super::dependency_files::dependency_files;
use super::sbom_components::{Project, build_sbom};
use crate::args::{SbomArgs, SbomFormat};
use crate::exit::{ExitStatus, UsageError};
use moat_deps::{FileFormat, Parsed, parse_environment, parse_file, parse_project_identity};
use moat_diagnostics::Problem;
use moat_report::sbom::{write_cyclonedx, write_spdx};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Runs `moat sbom`: exit 0 when written from files that were all read, 1 when written
/// but some files or entries could not be read (each reported on standard error), 2 for
/// usage errors.
pub fn run(args: &SbomArgs) -> Result<ExitStatus, UsageError> {
    let timestamp = timestamp()?;
    let files = if args.paths.is_empty() && args.env.is_some() {
        Vec::new()
    } else {
        dependency_files(&args.paths, "describe")?
    };
    let mut parsed = Parsed::default();
    for file in &files {
        parsed.extend(parse_file(file));
    }
    if let Some(env) = &args.env {
        parsed.extend(read_environment(env)?);
    }
    parsed.sort();
    let project = project(&files, &args.paths, &parsed);
    let graph_files: BTreeSet<String> = files
        .iter()
        .filter(|file| {
            matches!(
                FileFormat::detect(file),
                Some(FileFormat::UvLock | FileFormat::PoetryLock | FileFormat::PdmLock)
            )
        })
        .map(|file| file.display().to_string())
        .collect();
    let sbom = build_sbom(&parsed, &project, &graph_files, timestamp);

    let mut buffer = Vec::new();
    let rendered = match args.format {
        SbomFormat::CyclonedxJson => write_cyclonedx(&sbom, &mut buffer),
        SbomFormat::SpdxJson => write_spdx(&sbom, &mut buffer),
    };
    rendered.map_err(|e| UsageError(format!("cannot render the SBOM: {e}")))?;
    super::deliver(args.output.as_deref(), &buffer)?;

    let mut problems = parsed.problems;
    problems.dedup();
    for problem in &problems {
        eprintln!("{}", describe(problem));
    }
    Ok(if problems.is_empty() {
        ExitStatus::Success
    } else {
        eprintln!(
            "warning: the SBOM leaves out what could not be read ({} problem{})",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        );
        ExitStatus::Failure
    })
}

/// `error[kind]: file:line:column: message`, as `moat audit` prints problems.
fn describe(problem: &Problem) -> String {
    match problem.position {
        Some(position) => format!(
            "error[{}]: {}:{}:{}: {}",
            problem.kind, problem.file, position.line, position.column, problem.message
        ),
        None => format!(
            "error[{}]: {}: {}",
            problem.kind, problem.file, problem.message
        ),
    }
}

/// The installed distributions of `--env`; a path that is missing or holds none is a usage
/// error.
fn read_environment(env: &Path) -> Result<Parsed, UsageError> {
    if !env.exists() {
        return Err(UsageError(format!(
            "`{}`: no such file or directory",
            env.display()
        )));
    }
    let found = parse_environment(env);
    if found.dependencies.is_empty() && found.unauditable.is_empty() {
        let reason = found.problems.first().map_or_else(
            || "no installed distributions found".to_owned(),
            |problem| problem.message.clone(),
        );
        return Err(UsageError(format!("`--env {}`: {reason}", env.display())));
    }
    Ok(found)
}

/// The project: `[project]` (or `[tool.poetry]`) of the first `pyproject.toml` read, else
/// the project's own entry in a lock file, else the folder's name (the first PATH, or the
/// current directory).
fn project(files: &[PathBuf], paths: &[PathBuf], parsed: &Parsed) -> Project {
    for file in files {
        if FileFormat::detect(file) == Some(FileFormat::Pyproject)
            && let Ok(text) = fs_err::read_to_string(file)
            && let Some(identity) = parse_project_identity(&text)
        {
            return Project {
                name: identity.name,
                version: identity.version,
                source: Some(file.display().to_string()),
            };
        }
    }
    if let Some(entry) = parsed.unauditable.iter().find(|entry| {
        entry.target.as_deref() == Some(".")
            && FileFormat::detect(Path::new(&entry.source.file))
                .is_some_and(|format| !matches!(format, FileFormat::Requirements))
    }) && let Some(name) = &entry.name
    {
        return Project {
            name: name.clone(),
            version: entry.version.clone(),
            source: Some(entry.source.file.clone()),
        };
    }
    let folder = paths.first().map_or_else(
        || PathBuf::from("."),
        |path| {
            if path.is_dir() {
                path.clone()
            } else {
                path.parent()
                    .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
            }
        },
    );
    let name = fs_err::canonicalize(if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        &folder
    })
    .ok()
    .and_then(|path| path.file_name().map(|n| n.to_string_lossy().into_owned()))
    .unwrap_or_else(|| "project".to_owned());
    Project {
        name,
        version: None,
        source: None,
    }
}

/// The SBOM's creation time: `SOURCE_DATE_EPOCH` (seconds since 1970, for reproducible
/// builds) when set, else now.
fn timestamp() -> Result<String, UsageError> {
    let seconds = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => value.trim().parse::<u64>().map_err(|_| {
            UsageError(format!(
                "SOURCE_DATE_EPOCH must be a number of seconds since 1970-01-01, not `{value}`"
            ))
        })?,
        Err(_) => crate::today::now_seconds(),
    };
    Ok(crate::today::rfc3339(seconds))
}
