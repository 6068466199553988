//! File discovery: which files a run analyses.
//!
//! Paths named on the command line are always analysed, even when excluded or not `*.py`;
//! named directories are walked with the `ignore` crate's parallel walker, which honours
//! `.gitignore` (inside a git repository or not), `.ignore` and the git excludes files. Hidden
//! directories, version-control and tool caches, virtual environments (any directory holding
//! a `pyvenv.cfg`), installed packages and build output are skipped, as are the `exclude`
//! globs. Only files matching the `include` globs are kept, and, when asked for, config
//! files by name (for the secrets scan), in a list of their own.
//!
//! Nothing here reads a file's contents. Files larger than the size limit, unreadable
//! directories, broken links and symlink loops become [`Problem`]s and the walk goes on; only
//! a named path that does not exist stops the run ([`DiscoveryError::NotFound`]).

use std::collections::BTreeMap;
use std::fs::Metadata;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use ignore::gitignore::Gitignore;
use ignore::{DirEntry, WalkBuilder, WalkState};
use moat_diagnostics::{Problem, ProblemKind};

use crate::config::{Config, DEFAULT_INCLUDE, DEFAULT_MAX_FILE_SIZE};
use crate::paths::{build_gitignore, clean, normalize, relative_to, to_slash};

/// Directory names skipped wherever they appear below a walked directory. Besides these,
/// hidden directories, directories whose name ends in `.egg-info`, and any directory that
/// holds a `pyvenv.cfg` (a virtual environment, whatever its name) are skipped.
pub const DEFAULT_EXCLUDED_DIRS: &[&str] = &[
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    "site-packages",
    "dist-packages",
    ".tox",
    ".nox",
    "node_modules",
    "__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    "build",
    "dist",
    ".eggs",
];

/// How to find files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoveryOptions {
    /// The working directory: relative paths are taken from it, and display paths are
    /// relative to it.
    pub cwd: PathBuf,
    /// The directory that `exclude` and `include` globs are relative to: the configuration
    /// file's directory, or the working directory.
    pub root: PathBuf,
    /// Gitignore-style globs of paths to skip, on top of the built-in exclusions.
    pub exclude: Vec<String>,
    /// Gitignore-style globs of the files to keep when walking; empty means
    /// [`DEFAULT_INCLUDE`].
    pub include: Vec<String>,
    /// Whether `.gitignore`, `.ignore`, `.git/info/exclude` and the global git excludes file
    /// are honoured.
    pub respect_gitignore: bool,
    /// Whether symbolic links to directories are followed while walking (loops are detected
    /// and reported). Links to files are always followed.
    pub follow_symlinks: bool,
    /// Files larger than this many bytes are reported as [`ProblemKind::TooLarge`].
    pub max_file_size: u64,
    /// Gitignore-style globs of config files to keep besides the `include`d files, as
    /// [`Discovered::config_files`] (the files scanned for secrets); empty keeps none.
    pub config_files: Vec<String>,
}

impl DiscoveryOptions {
    /// The defaults, with `cwd` as both working directory and glob root.
    pub fn new(cwd: impl Into<PathBuf>) -> DiscoveryOptions {
        let cwd = cwd.into();
        DiscoveryOptions {
            root: cwd.clone(),
            cwd,
            exclude: Vec::new(),
            include: Vec::new(),
            respect_gitignore: true,
            follow_symlinks: false,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            config_files: Vec::new(),
        }
    }

    /// The options a configuration asks for; command-line flags are applied on top by the
    /// caller.
    pub fn from_config(config: &Config, cwd: impl Into<PathBuf>) -> DiscoveryOptions {
        DiscoveryOptions {
            cwd: cwd.into(),
            root: config.root.clone(),
            exclude: config.exclude.clone(),
            include: config.include.clone(),
            respect_gitignore: config.respect_gitignore,
            follow_symlinks: false,
            max_file_size: config.max_file_size,
            config_files: Vec::new(),
        }
    }
}

/// A file to analyse.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SourceFile {
    /// Absolute path, to open the file with.
    pub path: PathBuf,
    /// Path as shown to the user: relative to the working directory when under it, else as
    /// given; `/` separators, no leading `./`.
    pub display: String,
    /// Whether the file was named on the command line (rather than found by walking).
    pub explicit: bool,
}

/// The result of discovery: files sorted by display path, and the paths that could not be
/// considered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discovered {
    /// Files to analyse, sorted by [`SourceFile::display`], without duplicates.
    pub files: Vec<SourceFile>,
    /// Paths that could not be walked or are too large, sorted.
    pub problems: Vec<Problem>,
    /// Config files that [`DiscoveryOptions::config_files`] accepted and `include` did not,
    /// sorted by [`SourceFile::display`]; empty when that option is `None`.
    pub config_files: Vec<SourceFile>,
}

/// Why discovery could not start.
#[derive(Debug, thiserror::Error)]
pub enum DiscoveryError {
    /// A path named on the command line does not exist.
    #[error("`{}`: no such file or directory", .0.display())]
    NotFound(PathBuf),
    /// An `exclude` or `include` glob does not compile.
    #[error("invalid `{option}` glob: {message}")]
    InvalidGlob {
        /// `exclude` or `include`.
        option: &'static str,
        /// The glob.
        glob: String,
        /// What is wrong with it.
        message: String,
    },
}

/// Finds the files to analyse under `paths` (relative ones are taken from
/// [`DiscoveryOptions::cwd`]; no paths means the working directory).
///
/// Every path is checked for existence before anything is walked.
pub fn discover(
    paths: &[PathBuf],
    options: &DiscoveryOptions,
) -> Result<Discovered, DiscoveryError> {
    let cwd = normalize(&std::path::absolute(&options.cwd).unwrap_or_else(|_| options.cwd.clone()));
    let root = normalize(&cwd.join(&options.root));
    let default_paths = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default_paths[..]
    } else {
        paths
    };

    // Existence first: a typo must stop the run before any work is done.
    let mut named = Vec::with_capacity(paths.len());
    for given in paths {
        let absolute = cwd.join(given);
        match std::fs::symlink_metadata(&absolute) {
            Err(error)
                if matches!(
                    error.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                ) =>
            {
                return Err(DiscoveryError::NotFound(given.clone()));
            }
            link => named.push((given, absolute, link)),
        }
    }

    let filters = Arc::new(Filters::new(root, options)?);
    let mut collector = Collector {
        cwd,
        roots: Vec::new(),
        max_file_size: options.max_file_size,
        files: BTreeMap::new(),
        config_files: BTreeMap::new(),
        problems: Vec::new(),
    };

    for (given, absolute, link) in named {
        let link = match link {
            Ok(link) => link,
            Err(error) => {
                let display = collector.display_given(given, &absolute);
                collector.problems.push(io_problem(display, &error));
                continue;
            }
        };
        match std::fs::metadata(&absolute) {
            Ok(metadata) if metadata.is_dir() => {
                // A symbolic link named on the command line is followed; walking `link/.`
                // makes the walker treat it as the directory it points to.
                let walk = if link.file_type().is_symlink() {
                    absolute.join(".")
                } else {
                    absolute.clone()
                };
                collector.roots.push(Root {
                    walk,
                    given: given.clone(),
                });
            }
            Ok(metadata) => {
                let display = collector.display_given(given, &absolute);
                let list = filters.list_for_named(&absolute);
                collector.add_file(clean(&absolute), display, true, &metadata, list);
            }
            Err(error) => {
                let display = collector.display_given(given, &absolute);
                collector.problems.push(link_problem(display, &error));
            }
        }
    }

    if !collector.roots.is_empty() {
        walk(&mut collector, &filters, options);
    }
    Ok(collector.finish())
}

/// Exclusion and inclusion rules, shared by the walker threads.
struct Filters {
    root: PathBuf,
    exclude: Gitignore,
    include: Gitignore,
    /// `None` when no config files are asked for.
    config_files: Option<Gitignore>,
}

/// Which list a kept file goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileList {
    /// [`Discovered::files`].
    Source,
    /// [`Discovered::config_files`].
    Config,
}

impl Filters {
    fn new(root: PathBuf, options: &DiscoveryOptions) -> Result<Filters, DiscoveryError> {
        let exclude = build_gitignore(&root, &options.exclude).map_err(|(glob, message)| {
            DiscoveryError::InvalidGlob {
                option: "exclude",
                glob,
                message,
            }
        })?;
        let include_globs: Vec<String> = if options.include.is_empty() {
            DEFAULT_INCLUDE
                .iter()
                .map(|glob| (*glob).to_string())
                .collect()
        } else {
            options.include.clone()
        };
        let include = build_gitignore(&root, &include_globs).map_err(|(glob, message)| {
            DiscoveryError::InvalidGlob {
                option: "include",
                glob,
                message,
            }
        })?;
        let config_files = if options.config_files.is_empty() {
            None
        } else {
            Some(
                build_gitignore(&root, &options.config_files).map_err(|(glob, message)| {
                    DiscoveryError::InvalidGlob {
                        option: "config-files",
                        glob,
                        message,
                    }
                })?,
            )
        };
        Ok(Filters {
            root,
            exclude,
            include,
            config_files,
        })
    }

    /// Whether `path` is a config file to keep.
    fn is_config_file(&self, path: &Path) -> bool {
        self.config_files.as_ref().is_some_and(|globs| {
            let path = normalize(path);
            globs
                .matched(relative_to(&path, &self.root), false)
                .is_ignore()
        })
    }

    /// The list a walked file goes to, if any: `include` wins over the config files.
    fn list_for_walked(&self, path: &Path) -> Option<FileList> {
        if self.included(path) {
            Some(FileList::Source)
        } else if self.is_config_file(path) {
            Some(FileList::Config)
        } else {
            None
        }
    }

    /// The list a file named on the command line goes to: always analysed, as a config
    /// file when it is one and `include` does not take it.
    fn list_for_named(&self, path: &Path) -> FileList {
        if !self.included(path) && self.is_config_file(path) {
            FileList::Config
        } else {
            FileList::Source
        }
    }

    /// Whether a directory below a walked root is skipped.
    fn skips_dir(&self, entry: &DirEntry) -> bool {
        let name = entry.file_name().to_string_lossy();
        if name.starts_with('.') || name.ends_with(".egg-info") {
            return true;
        }
        if DEFAULT_EXCLUDED_DIRS.contains(&name.as_ref()) {
            return true;
        }
        if std::fs::symlink_metadata(entry.path().join("pyvenv.cfg")).is_ok() {
            return true;
        }
        self.excluded(entry.path(), true)
    }

    fn excluded(&self, path: &Path, is_dir: bool) -> bool {
        let path = normalize(path);
        self.exclude
            .matched(relative_to(&path, &self.root), is_dir)
            .is_ignore()
    }

    fn included(&self, path: &Path) -> bool {
        let path = normalize(path);
        self.include
            .matched(relative_to(&path, &self.root), false)
            .is_ignore()
    }
}

/// A directory named on the command line.
struct Root {
    /// The absolute path handed to the walker.
    walk: PathBuf,
    /// The path as the user wrote it.
    given: PathBuf,
}

struct Collector {
    cwd: PathBuf,
    roots: Vec<Root>,
    max_file_size: u64,
    /// Keyed by the lexically normalised absolute path, to drop duplicates.
    files: BTreeMap<PathBuf, SourceFile>,
    /// Config files, keyed like `files`.
    config_files: BTreeMap<PathBuf, SourceFile>,
    problems: Vec<Problem>,
}

impl Collector {
    /// Display path of a path named on the command line.
    fn display_given(&self, given: &Path, absolute: &Path) -> String {
        match normalize(absolute).strip_prefix(&self.cwd) {
            Ok(relative) => to_slash(relative),
            Err(_) => to_slash(&clean(given)),
        }
    }

    /// Display path of a path found by the walker (absolute, below one of the roots).
    fn display_walked(&self, walked: &Path) -> String {
        if let Ok(relative) = normalize(walked).strip_prefix(&self.cwd) {
            return to_slash(relative);
        }
        let best = self
            .roots
            .iter()
            .filter_map(|root| {
                walked
                    .strip_prefix(&root.walk)
                    .ok()
                    .map(|rest| (root.walk.components().count(), root.given.join(rest)))
            })
            .max_by_key(|(depth, _)| *depth);
        match best {
            Some((_, given)) => to_slash(&clean(&given)),
            None => to_slash(&clean(walked)),
        }
    }

    fn add_file(
        &mut self,
        path: PathBuf,
        display: String,
        explicit: bool,
        metadata: &Metadata,
        list: FileList,
    ) {
        if !metadata.is_file() {
            self.problems.push(Problem::new(
                display,
                ProblemKind::IoError,
                "not a regular file; not analysed",
            ));
            return;
        }
        if metadata.len() > self.max_file_size {
            self.problems.push(Problem::new(
                display,
                ProblemKind::TooLarge,
                format!(
                    "file is {}, over the `max-file-size` limit of {}; not analysed",
                    human_size(metadata.len()),
                    human_size(self.max_file_size)
                ),
            ));
            return;
        }
        let key = normalize(&path);
        let files = match list {
            FileList::Source => &mut self.files,
            FileList::Config => &mut self.config_files,
        };
        files
            .entry(key)
            .and_modify(|existing| existing.explicit |= explicit)
            .or_insert(SourceFile {
                path,
                display,
                explicit,
            });
    }

    fn finish(self) -> Discovered {
        let mut files: Vec<SourceFile> = self.files.into_values().collect();
        files.sort();
        let mut config_files: Vec<SourceFile> = self.config_files.into_values().collect();
        config_files.sort();
        let mut problems = self.problems;
        problems.sort();
        problems.dedup();
        Discovered {
            files,
            problems,
            config_files,
        }
    }
}

/// What a walker thread found.
enum Found {
    File {
        path: PathBuf,
        display: String,
        metadata: Metadata,
        list: FileList,
    },
    Problem(Problem),
}

fn walk(collector: &mut Collector, filters: &Arc<Filters>, options: &DiscoveryOptions) {
    let mut builder = WalkBuilder::new(&collector.roots[0].walk);
    for root in &collector.roots[1..] {
        builder.add(&root.walk);
    }
    builder
        .current_dir(collector.cwd.clone())
        .hidden(false)
        .parents(true)
        .ignore(options.respect_gitignore)
        .git_ignore(options.respect_gitignore)
        .git_global(options.respect_gitignore)
        .git_exclude(options.respect_gitignore)
        .require_git(false)
        .follow_links(options.follow_symlinks)
        .same_file_system(false)
        .threads(0);
    let filter = Arc::clone(filters);
    builder.filter_entry(move |entry| {
        entry.depth() == 0
            || !entry.file_type().is_some_and(|kind| kind.is_dir())
            || !filter.skips_dir(entry)
    });

    let found = Mutex::new(Vec::new());
    {
        let collector = &*collector;
        let found = &found;
        builder.build_parallel().run(|| {
            Box::new(move |result| {
                let mut local = Vec::new();
                match result {
                    Ok(entry) => visit(collector, filters, &entry, &mut local),
                    Err(error) => walk_error(collector, &error, None, &mut local),
                }
                if !local.is_empty() {
                    found
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .extend(local);
                }
                WalkState::Continue
            })
        });
    }

    let found = found.into_inner().unwrap_or_else(PoisonError::into_inner);
    for item in found {
        match item {
            Found::File {
                path,
                display,
                metadata,
                list,
            } => collector.add_file(path, display, false, &metadata, list),
            Found::Problem(problem) => collector.problems.push(problem),
        }
    }
}

fn visit(collector: &Collector, filters: &Filters, entry: &DirEntry, out: &mut Vec<Found>) {
    let Some(kind) = entry.file_type() else {
        return;
    };
    if kind.is_dir() {
        return;
    }
    let path = entry.path();
    let Some(list) = filters.list_for_walked(path) else {
        return;
    };
    if filters.excluded(path, false) {
        return;
    }
    let display = collector.display_walked(path);
    // Links to files are followed; links to directories are only walked when
    // `follow_symlinks` is on, in which case the walker has already resolved them.
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_dir() => {}
        Ok(metadata) => out.push(Found::File {
            path: clean(path),
            display,
            metadata,
            list,
        }),
        Err(error) => out.push(Found::Problem(link_problem(display, &error))),
    }
}

/// Turns a walker error into problems; `path` is the innermost path seen so far.
fn walk_error(
    collector: &Collector,
    error: &ignore::Error,
    path: Option<&Path>,
    out: &mut Vec<Found>,
) {
    let display = |path: Option<&Path>| match path {
        Some(path) => collector.display_walked(path),
        None => "<walk>".to_string(),
    };
    match error {
        ignore::Error::Partial(errors) => {
            for error in errors {
                walk_error(collector, error, path, out);
            }
        }
        ignore::Error::WithPath { path, err } => walk_error(collector, err, Some(path), out),
        ignore::Error::WithDepth { err, .. } => walk_error(collector, err, path, out),
        ignore::Error::WithLineNumber { line, err } => {
            out.push(Found::Problem(Problem::new(
                display(path),
                ProblemKind::IoError,
                format!("line {line} of this ignore file was skipped: {err}"),
            )));
        }
        ignore::Error::Loop { ancestor, child } => {
            out.push(Found::Problem(Problem::new(
                display(Some(child)),
                ProblemKind::IoError,
                format!(
                    "symlink loop: this link leads back to `{}`; not followed",
                    collector.display_walked(ancestor)
                ),
            )));
        }
        ignore::Error::Io(io_error) => {
            out.push(Found::Problem(io_problem(display(path), io_error)));
        }
        other => out.push(Found::Problem(Problem::new(
            display(path),
            ProblemKind::IoError,
            other.to_string(),
        ))),
    }
}

/// A problem for a path whose (link-following) metadata could not be read.
fn link_problem(display: String, error: &io::Error) -> Problem {
    let message = if is_symlink_loop(error) {
        "symlink loop: this link leads back to itself; not followed".to_string()
    } else if error.kind() == io::ErrorKind::NotFound {
        "broken symbolic link: its target does not exist".to_string()
    } else {
        return io_problem(display, error);
    };
    Problem::new(display, ProblemKind::IoError, message)
}

fn io_problem(display: String, error: &io::Error) -> Problem {
    let message = if is_symlink_loop(error) {
        "symlink loop: this link leads back to itself; not followed".to_string()
    } else if error.kind() == io::ErrorKind::PermissionDenied {
        format!("permission denied; not analysed ({error})")
    } else {
        format!("cannot be read: {error}")
    };
    Problem::new(display, ProblemKind::IoError, message)
}

/// Whether `error` is `ELOOP` ("too many levels of symbolic links").
///
/// `io::ErrorKind::FilesystemLoop` is not stable yet, so the OS error code is compared, with
/// the kind's name as a fallback on other systems.
fn is_symlink_loop(error: &io::Error) -> bool {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    const ELOOP: Option<i32> = Some(40);
    #[cfg(any(
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd",
        target_os = "dragonfly"
    ))]
    const ELOOP: Option<i32> = Some(62);
    #[cfg(not(any(
        target_os = "linux",
        target_os = "android",
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd",
        target_os = "dragonfly"
    )))]
    const ELOOP: Option<i32> = None;
    (ELOOP.is_some() && error.raw_os_error() == ELOOP)
        || format!("{:?}", error.kind()) == "FilesystemLoop"
}

/// `12 bytes`, `1.5 KB (1536 bytes)`, `10 MB (10485760 bytes)`.
fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 3] = ["KB", "MB", "GB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    let text = format!("{value:.1}");
    let text = text.strip_suffix(".0").unwrap_or(&text);
    format!("{text} {} ({bytes} bytes)", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::human_size;

    #[test]
    fn sizes_are_human() {
        assert_eq!(human_size(12), "12 bytes");
        assert_eq!(human_size(10 * 1024 * 1024), "10 MB (10485760 bytes)");
        assert_eq!(human_size(1536), "1.5 KB (1536 bytes)");
    }
}
