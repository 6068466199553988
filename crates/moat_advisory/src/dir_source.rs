//! Reading advisories from a directory of OSV `.json` files.

use crate::error::AdvisoryError;
use crate::fingerprint::DirectoryHasher;
use crate::parse::{Collector, MAX_ADVISORY_SIZE, is_advisory_file};
use crate::problem::{Problem, ProblemKind};
use crate::zip_source::{Loaded, too_large};
use std::path::{Path, PathBuf};

/// Folders nested deeper than this are not searched (this also stops symlink loops).
const MAX_DEPTH: usize = 16;

/// Reads every `*.json` file under `root`, in subfolders too, in path order. Paths in
/// problems are relative to `root`, with `/` separators.
pub(crate) fn load_dir(root: &Path) -> Result<Loaded, AdvisoryError> {
    if !fs_err::metadata(root)?.is_dir() {
        return Err(AdvisoryError::NotADirectory {
            path: root.to_path_buf(),
        });
    }
    let mut files = Vec::new();
    let mut collector = Collector::default();
    collect_files(root, "", 0, &mut files, &mut collector)?;
    files.sort();

    let mut hasher = DirectoryHasher::default();
    for (relative, path) in files {
        let size = match fs_err::metadata(&path) {
            Ok(metadata) => metadata.len(),
            Err(error) => {
                collector.problem(unreadable(&relative, &error));
                continue;
            }
        };
        if size > MAX_ADVISORY_SIZE {
            collector.problem(too_large(&relative, size));
            continue;
        }
        match fs_err::read(&path) {
            Ok(bytes) => {
                hasher.add(&relative, &bytes);
                collector.add(&relative, &bytes);
            }
            Err(error) => collector.problem(unreadable(&relative, &error)),
        }
    }
    let (advisories, problems) = collector.finish();
    Ok(Loaded {
        advisories,
        problems,
        fingerprint: hasher.finish(),
    })
}

/// Lists advisory files under `dir`. Only the root's listing failing is an error; a
/// subfolder that cannot be listed is a problem.
fn collect_files(
    dir: &Path,
    prefix: &str,
    depth: usize,
    files: &mut Vec<(String, PathBuf)>,
    collector: &mut Collector,
) -> Result<(), AdvisoryError> {
    let entries = match fs_err::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if depth > 0 => {
            collector.problem(unreadable(prefix.trim_end_matches('/'), &error));
            return Ok(());
        }
        Err(error) => return Err(error.into()),
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                collector.problem(unreadable(prefix.trim_end_matches('/'), &error));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy().into_owned();
        let relative = format!("{prefix}{name}");
        let path = entry.path();
        let Ok(metadata) = fs_err::metadata(&path) else {
            collector.problem(Problem::new(
                relative,
                ProblemKind::Unreadable,
                "could not be read (broken link or no permission)",
            ));
            continue;
        };
        if metadata.is_dir() {
            if depth < MAX_DEPTH {
                collect_files(&path, &format!("{relative}/"), depth + 1, files, collector)?;
            }
        } else if is_advisory_file(&name) {
            files.push((relative, path));
        }
    }
    Ok(())
}

fn unreadable(relative: &str, error: &std::io::Error) -> Problem {
    Problem::new(
        relative,
        ProblemKind::Unreadable,
        format!("could not be read: {error}"),
    )
}
