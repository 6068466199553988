//! Which dependency files a run reads: the files detected in each project folder and the
//! files named on the command line, as `moat audit` reads them.

use crate::exit::UsageError;
use moat_deps::discover_dependency_files;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The dependency files named by `paths` (default: the current directory): folders are
/// searched with [`discover_dependency_files`], files are taken as they are, duplicates
/// dropped. `task` finishes the hint for a folder without dependency files (`name the
/// files to {task}`).
///
/// # Errors
///
/// A path that does not exist, a folder that cannot be read or holds no dependency files.
pub fn dependency_files(paths: &[PathBuf], task: &str) -> Result<Vec<PathBuf>, UsageError> {
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut files = Vec::new();
    for path in paths {
        if !path.exists() {
            return Err(UsageError(format!(
                "`{}`: no such file or directory",
                path.display()
            )));
        }
        if path.is_dir() {
            let found = discover_dependency_files(path)
                .map_err(|e| UsageError(format!("`{}`: {e}", path.display())))?;
            if found.is_empty() {
                return Err(UsageError(format!(
                    "`{}`: no dependency files found (requirements*.txt, pyproject.toml, \
                     uv.lock, poetry.lock, Pipfile.lock, pdm.lock, pylock.toml); name the files \
                     to {task}",
                    path.display()
                )));
            }
            files.extend(found.into_iter().map(|file| shown(&file)));
        } else {
            files.push(path.clone());
        }
    }
    let mut seen = HashSet::new();
    files.retain(|file| seen.insert(file.clone()));
    Ok(files)
}

/// `./requirements.txt` is shown as `requirements.txt`.
pub fn shown(path: &Path) -> PathBuf {
    path.strip_prefix(".").unwrap_or(path).to_path_buf()
}
