//! Shared helpers: fixtures written into temporary directories, compact renderings.

#![allow(dead_code)]

use moat_deps::{Dependency, Parsed};
use std::path::Path;
use tempfile::TempDir;

/// A temporary directory holding `files` (`(relative path, contents)`).
pub fn project(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (path, text) in files {
        write(dir.path(), path, text);
    }
    dir
}

/// Writes `text` to `root/path`, creating parent directories.
pub fn write(root: &Path, path: &str, text: &str) {
    let full = root.join(path);
    if let Some(parent) = full.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(full, text).expect("write");
}

/// `name requirement` for each dependency, in order.
pub fn names(parsed: &Parsed) -> Vec<String> {
    parsed.dependencies.iter().map(render).collect()
}

/// `name requirement` (the requirement omitted when empty).
pub fn render(dependency: &Dependency) -> String {
    let requirement = dependency.requirement.to_string();
    if requirement.is_empty() {
        dependency.name.clone()
    } else {
        format!("{} {requirement}", dependency.name)
    }
}

/// The dependency called `name` (normalised), or a panic listing what was found.
pub fn find<'a>(parsed: &'a Parsed, name: &str) -> &'a Dependency {
    parsed
        .dependencies
        .iter()
        .find(|d| d.normalized_name == name)
        .unwrap_or_else(|| panic!("no `{name}` in {:#?}", names(parsed)))
}

/// `line: message` of every problem.
pub fn problems(parsed: &Parsed) -> Vec<String> {
    parsed
        .problems
        .iter()
        .map(|p| {
            format!(
                "{}:{}: {}",
                p.file,
                p.position.map_or(0, |pos| pos.line),
                p.message
            )
        })
        .collect()
}

/// Panics when `parsed` holds any problem.
pub fn assert_clean(parsed: &Parsed) {
    assert!(parsed.problems.is_empty(), "{:#?}", problems(parsed));
}
