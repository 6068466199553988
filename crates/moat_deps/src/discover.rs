//! Finding dependency files in a project folder and picking the parser for a file.

use crate::error::DepsError;
use crate::model::Parsed;
use crate::text::read_text;
use std::path::{Path, PathBuf};

/// The dependency file formats Moat reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileFormat {
    /// pip requirements (`requirements*.txt`, `*.in`).
    Requirements,
    /// `pyproject.toml`.
    Pyproject,
    /// `uv.lock`.
    UvLock,
    /// `poetry.lock`.
    PoetryLock,
    /// `Pipfile.lock`.
    PipfileLock,
    /// `pdm.lock`.
    PdmLock,
    /// `pylock.toml` or `pylock.<name>.toml` (PEP 751).
    Pylock,
}

impl FileFormat {
    /// The format of a file, from its name alone; `None` when the name is not one Moat knows.
    pub fn detect(path: &Path) -> Option<Self> {
        let name = path.file_name()?.to_str()?;
        Some(match name {
            "pyproject.toml" => Self::Pyproject,
            "uv.lock" => Self::UvLock,
            "poetry.lock" => Self::PoetryLock,
            "Pipfile.lock" => Self::PipfileLock,
            "pdm.lock" => Self::PdmLock,
            "pylock.toml" => Self::Pylock,
            _ if name.starts_with("pylock.") && name.ends_with(".toml") => Self::Pylock,
            _ if name.ends_with(".txt") || name.ends_with(".in") => Self::Requirements,
            _ => return None,
        })
    }
}

/// Whether auto-detection picks a file of this name at a project's top level.
fn is_discoverable(name: &str) -> bool {
    (name.starts_with("requirements") && name.ends_with(".txt"))
        || FileFormat::detect(Path::new(name))
            .is_some_and(|format| format != FileFormat::Requirements)
}

/// The dependency files of the project folder `dir`, sorted: `requirements*.txt`, every
/// `*.txt` in `requirements/`, `pyproject.toml` and the lock files Moat reads. Only `dir`
/// and `dir/requirements/` are read, so virtualenvs and other subfolders are never walked.
///
/// # Errors
///
/// When `dir` cannot be read (a missing `requirements/` folder is not an error).
pub fn discover_dependency_files(dir: &Path) -> Result<Vec<PathBuf>, DepsError> {
    let mut found = Vec::new();
    for entry in fs_err::read_dir(dir)? {
        let path = entry?.path();
        if path.is_file()
            && path
                .file_name()
                .and_then(|name| name.to_str())
                .is_some_and(is_discoverable)
        {
            found.push(path);
        }
    }
    let nested = dir.join("requirements");
    if nested.is_dir() {
        for entry in fs_err::read_dir(&nested)? {
            let path = entry?.path();
            if path.is_file() && path.extension().is_some_and(|ext| ext == "txt") {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Parses one dependency file with the parser its name calls for ([`FileFormat::detect`]).
/// An unknown name or an unreadable file is a problem in the result.
pub fn parse_file(path: &Path) -> Parsed {
    let shown = path.display().to_string();
    let Some(format) = FileFormat::detect(path) else {
        return Parsed::from_problem(
            DepsError::UnknownFormat {
                path: shown.clone(),
            }
            .into_problem(&shown),
        );
    };
    let parse: fn(&str, &str) -> Parsed = match format {
        FileFormat::Requirements => return crate::parse_requirements_file(path),
        FileFormat::Pyproject => crate::parse_pyproject,
        FileFormat::UvLock => crate::parse_uv_lock,
        FileFormat::PoetryLock => crate::parse_poetry_lock,
        FileFormat::PipfileLock => crate::parse_pipfile_lock,
        FileFormat::PdmLock => crate::parse_pdm_lock,
        FileFormat::Pylock => crate::parse_pylock,
    };
    let text = match read_text(path) {
        Ok(text) => text,
        Err(err) => return Parsed::from_problem(err.into_problem(&shown)),
    };
    parse(&shown, &text)
}
