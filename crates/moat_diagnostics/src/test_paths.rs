//! Recognising test code by its path.

/// Whether `path` (with `/` separators) looks like test code: a directory named `test`,
/// `tests` or `testing`, or `test_*`/`*_test`/`*_tests` (`idle_test`), or a file named
/// `test_*.py`, `*_test.py`, `tests.py` or `conftest.py`.
pub fn is_test_path(path: &str) -> bool {
    let mut parts = path.split('/');
    let file = parts.next_back().unwrap_or_default();
    let stem = file
        .strip_suffix(".pyi")
        .or_else(|| file.strip_suffix(".py"))
        .unwrap_or(file);
    stem.starts_with("test_")
        || stem.ends_with("_test")
        || stem == "tests"
        || stem == "conftest"
        || parts.any(|dir| {
            matches!(dir, "test" | "tests" | "testing")
                || dir.starts_with("test_")
                || dir.ends_with("_test")
                || dir.ends_with("_tests")
        })
}

#[cfg(test)]
mod tests {
    use super::is_test_path;

    #[test]
    fn recognises_test_layouts() {
        for path in [
            "tests/test_app.py",
            "app/tests/helpers.py",
            "test_x.py",
            "pkg/x_test.py",
            "conftest.py",
            "app/tests.py",
        ] {
            assert!(is_test_path(path), "{path}");
        }
        for path in [
            "app/views.py",
            "contest.py",
            "latest/x.py",
            "app/testing_utils.py",
            "attest.py",
        ] {
            assert!(!is_test_path(path), "{path}");
        }
    }
}
