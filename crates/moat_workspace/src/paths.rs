//! Small path helpers shared by configuration, discovery and selection.

use std::path::{Component, Path, PathBuf};

use globset::{GlobBuilder, GlobMatcher};
use ignore::gitignore::{Gitignore, GitignoreBuilder};

/// Removes `.` components and resolves `..` lexically (without touching the disk).
///
/// `..` at the start of a relative path is kept; `..` above the root is dropped.
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                Some(Component::ParentDir | Component::CurDir) | None => out.push(".."),
            },
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Removes `.` components (a leading `./` included) but keeps `..`.
pub(crate) fn clean(path: &Path) -> PathBuf {
    path.components()
        .filter(|component| !matches!(component, Component::CurDir))
        .collect()
}

/// The path as text with `/` separators.
pub(crate) fn to_slash(path: &Path) -> String {
    let mut out = String::new();
    for component in path.components() {
        match component {
            Component::RootDir => out.push('/'),
            Component::CurDir => {}
            other => {
                if !out.is_empty() && !out.ends_with('/') {
                    out.push('/');
                }
                out.push_str(&other.as_os_str().to_string_lossy());
            }
        }
    }
    if out.is_empty() {
        out.push('.');
    }
    out
}

/// `path` relative to `root` when under it, else `path` itself.
pub(crate) fn relative_to<'p>(path: &'p Path, root: &Path) -> &'p Path {
    path.strip_prefix(root).unwrap_or(path)
}

/// Checks one gitignore-style glob (as used by `exclude` and `include`).
pub(crate) fn check_gitignore_glob(glob: &str) -> Result<(), String> {
    build_gitignore(Path::new("/"), &[glob.to_string()])
        .map(|_| ())
        .map_err(|(_, message)| message)
}

/// Compiles gitignore-style `globs` relative to `root`; fails with the bad glob and a message.
pub(crate) fn build_gitignore(
    root: &Path,
    globs: &[String],
) -> Result<Gitignore, (String, String)> {
    let mut builder = GitignoreBuilder::new(root);
    for glob in globs {
        if let Err(error) = builder.add_line(None, glob) {
            return Err((glob.clone(), glob_message(glob, &error)));
        }
    }
    builder
        .build()
        .map_err(|error| (globs.join(", "), glob_message(&globs.join(", "), &error)))
}

fn glob_message(glob: &str, error: &ignore::Error) -> String {
    match error {
        ignore::Error::Glob { err, .. } => format!("`{glob}` is not a valid glob: {err}"),
        other => format!("`{glob}` is not a valid glob: {other}"),
    }
}

/// A compiled `per-path-ignores` glob.
#[derive(Debug, Clone)]
pub(crate) struct PathGlob {
    matcher: GlobMatcher,
    /// The glob has no `/`: it is matched against each path component.
    any_component: bool,
    /// The glob is absolute: it is matched against the absolute path.
    absolute: bool,
}

impl PathGlob {
    /// Compiles `glob`; `*` does not cross `/`, `**` does.
    pub(crate) fn new(glob: &str) -> Result<PathGlob, String> {
        let trimmed = glob.trim();
        let trimmed = trimmed.strip_prefix("./").unwrap_or(trimmed);
        let trimmed = if trimmed.len() > 1 {
            trimmed.trim_end_matches('/')
        } else {
            trimmed
        };
        if trimmed.is_empty() {
            return Err("expected a glob, found an empty string".to_string());
        }
        let matcher = GlobBuilder::new(trimmed)
            .literal_separator(true)
            .build()
            .map_err(|error| format!("`{glob}` is not a valid glob: {}", error.kind()))?
            .compile_matcher();
        Ok(PathGlob {
            matcher,
            any_component: !trimmed.contains('/'),
            absolute: trimmed.starts_with('/'),
        })
    }

    /// Whether the glob names `relative` (a path relative to the root), `absolute` (the same
    /// path made absolute), or one of their parent directories.
    pub(crate) fn is_match(&self, relative: &Path, absolute: &Path) -> bool {
        if self.any_component {
            return relative
                .components()
                .any(|component| self.matcher.is_match(component.as_os_str()));
        }
        let path = if self.absolute { absolute } else { relative };
        path.ancestors()
            .filter(|ancestor| !ancestor.as_os_str().is_empty())
            .any(|ancestor| self.matcher.is_match(ancestor))
    }
}

/// Checks one `per-path-ignores` glob.
pub(crate) fn check_path_glob(glob: &str) -> Result<(), String> {
    PathGlob::new(glob).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_resolves_dots_lexically() {
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
        assert_eq!(normalize(Path::new("./a")), PathBuf::from("a"));
        assert_eq!(normalize(Path::new("../a/..")), PathBuf::from(".."));
        assert_eq!(normalize(Path::new("/..")), PathBuf::from("/"));
    }

    #[test]
    fn to_slash_has_no_leading_dot() {
        assert_eq!(to_slash(Path::new("./a/b.py")), "a/b.py");
        assert_eq!(to_slash(Path::new("/a/b.py")), "/a/b.py");
        assert_eq!(to_slash(Path::new("../b.py")), "../b.py");
        assert_eq!(to_slash(Path::new("")), ".");
    }

    #[test]
    fn path_globs_match_components_and_parents() {
        let tests = PathGlob::new("tests").unwrap();
        assert!(tests.is_match(Path::new("pkg/tests/x.py"), Path::new("/r/pkg/tests/x.py")));
        assert!(!tests.is_match(Path::new("pkg/x.py"), Path::new("/r/pkg/x.py")));
        let star = PathGlob::new("src/*.py").unwrap();
        assert!(star.is_match(Path::new("src/a.py"), Path::new("/r/src/a.py")));
        assert!(!star.is_match(Path::new("src/b/a.py"), Path::new("/r/src/b/a.py")));
        let deep = PathGlob::new("src/**").unwrap();
        assert!(deep.is_match(Path::new("src/b/a.py"), Path::new("/r/src/b/a.py")));
        let dir = PathGlob::new("./src/legacy/").unwrap();
        assert!(dir.is_match(
            Path::new("src/legacy/a.py"),
            Path::new("/r/src/legacy/a.py")
        ));
        assert!(PathGlob::new("a[").is_err());
        assert!(PathGlob::new("  ").is_err());
    }
}
