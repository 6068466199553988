//! Tests of configuration, discovery and selection against temporary directories.

mod config;
mod discovery;
mod selection;

use std::path::Path;

/// Writes `text` to `root/relative`, creating parent directories.
pub(crate) fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, text).unwrap();
}
