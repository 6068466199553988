//! Installed environments: every `*.dist-info/METADATA` of a virtualenv or a
//! `site-packages` directory.

use crate::metadata::parse_metadata;
use crate::model::{Dependency, Kind, Parsed, Requirement, Source, Unauditable};
use crate::pep508::url_reason;
use crate::text::{problem_at, read_text, syntax_problem};
use moat_diagnostics::ProblemKind;
use pep440_rs::Version;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Reads the installed distributions of `path`: a virtualenv (its `lib/python*/site-packages`,
/// `lib64/…` or `Lib/site-packages`) or a `site-packages` directory itself. Distributions
/// installed from a URL, a VCS or a local directory (per `direct_url.json`) are unauditable.
pub fn parse_environment(path: &Path) -> Parsed {
    let mut parsed = Parsed::default();
    let shown = path.display().to_string();
    let dirs = site_packages_dirs(path);
    if dirs.is_empty() {
        parsed.problems.push(problem_at(
            &shown,
            None,
            ProblemKind::IoError,
            format!(
                "`{shown}` is neither a virtualenv nor a `site-packages` directory \
                 (no `*.dist-info` found)"
            ),
        ));
    }
    for dir in dirs {
        match dist_info_dirs(&dir) {
            Ok(found) => {
                for dist_info in found {
                    read_dist_info(&dist_info, &mut parsed);
                }
            }
            Err(err) => parsed.problems.push(problem_at(
                &shown,
                None,
                ProblemKind::IoError,
                err.to_string(),
            )),
        }
    }
    parsed.sort();
    parsed
}

/// The site-packages directories of `path`: `path` itself when it is named `site-packages` or
/// holds `*.dist-info` directories, else the virtualenv's `Lib/site-packages` and
/// `lib*/python*/site-packages`, deduplicated (`lib64` is often a link to `lib`). Empty when
/// `path` is neither.
pub fn site_packages_dirs(path: &Path) -> Vec<PathBuf> {
    if path.file_name().is_some_and(|name| name == "site-packages")
        || dist_info_dirs(path).is_ok_and(|found| !found.is_empty())
    {
        return vec![path.to_path_buf()];
    }
    let mut candidates = vec![path.join("Lib").join("site-packages")];
    for lib in ["lib", "lib64"] {
        let Ok(entries) = fs_err::read_dir(path.join(lib)) else {
            continue;
        };
        let mut versions: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path().join("site-packages"))
            .collect();
        versions.sort();
        candidates.extend(versions);
    }
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for candidate in candidates {
        if let Ok(canonical) = fs_err::canonicalize(&candidate)
            && canonical.is_dir()
            && !seen.contains(&canonical)
        {
            seen.push(canonical);
            out.push(candidate);
        }
    }
    out
}

/// The `*.dist-info` directories in `dir`, sorted.
fn dist_info_dirs(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found: Vec<PathBuf> = fs_err::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "dist-info") && path.is_dir())
        .collect();
    found.sort();
    Ok(found)
}

/// Adds the distribution described by `dist_info/METADATA` to `parsed`.
fn read_dist_info(dist_info: &Path, parsed: &mut Parsed) {
    let path = dist_info.join("METADATA");
    let shown = path.display().to_string();
    let text = match read_text(&path) {
        Ok(text) => text,
        Err(err) => {
            parsed.problems.push(err.into_problem(&shown));
            return;
        }
    };
    let metadata = parse_metadata(&text);
    let (Some((name, name_line)), Some((version, version_line))) =
        (metadata.name, metadata.version)
    else {
        parsed.problems.push(syntax_problem(
            &shown,
            None,
            "core metadata needs both `Name:` and `Version:` fields",
        ));
        return;
    };
    if let Some(DirectUrl {
        reason,
        url,
        target,
    }) = direct_url(dist_info, parsed)
    {
        parsed.unauditable.push(Unauditable {
            source: Source::new(&shown, Some(name_line)),
            text: format!("{name} @ {url}"),
            name: Some(name),
            reason: reason.to_owned(),
            target: Some(target),
            version: Some(version),
        });
        return;
    }
    let version = match Version::from_str(&version) {
        Ok(parsed_version) => parsed_version,
        Err(err) => {
            parsed.problems.push(syntax_problem(
                &shown,
                Some(version_line),
                format!("`{version}` is not a PEP 440 version: {err}"),
            ));
            return;
        }
    };
    let mut dependency = Dependency::new(
        &name,
        Requirement::Pinned(version),
        Source::new(&shown, Some(version_line)),
        Kind::Installed,
    );
    dependency.license = Some(metadata.license);
    parsed.dependencies.push(dependency);
}

/// What a `direct_url.json` (PEP 610) says.
struct DirectUrl {
    /// Why the distribution cannot be audited.
    reason: &'static str,
    /// The URL as recorded.
    url: String,
    /// The URL as pip would write it: `git+https://…@<commit>` for a VCS checkout.
    target: String,
}

/// Why a distribution with a `direct_url.json` (PEP 610) cannot be audited, and its URL.
fn direct_url(dist_info: &Path, parsed: &mut Parsed) -> Option<DirectUrl> {
    let path = dist_info.join("direct_url.json");
    if !path.is_file() {
        return None;
    }
    let shown = path.display().to_string();
    let text = match read_text(&path) {
        Ok(text) => text,
        Err(err) => {
            parsed.problems.push(err.into_problem(&shown));
            return None;
        }
    };
    let value: serde_json::Value = match serde_json::from_str(&text) {
        Ok(value) => value,
        Err(err) => {
            let line = u32::try_from(err.line()).ok().filter(|&line| line > 0);
            parsed
                .problems
                .push(syntax_problem(&shown, line, format!("invalid JSON: {err}")));
            return None;
        }
    };
    let url = value.get("url")?.as_str()?.to_owned();
    let vcs_info = value.get("vcs_info");
    let target = match vcs_info {
        Some(info) => {
            let field = |key: &str| info.get(key).and_then(serde_json::Value::as_str);
            let vcs = field("vcs").unwrap_or("git");
            let mut target = format!("{vcs}+{url}");
            if let Some(commit) = field("commit_id") {
                target.push('@');
                target.push_str(commit);
            }
            target
        }
        None => url.clone(),
    };
    let reason = if vcs_info.is_some() {
        "VCS requirement"
    } else if value
        .get("dir_info")
        .and_then(|info| info.get("editable"))
        .and_then(serde_json::Value::as_bool)
        == Some(true)
    {
        "editable install"
    } else {
        url_reason(&url)
    };
    Some(DirectUrl {
        reason,
        url,
        target,
    })
}
