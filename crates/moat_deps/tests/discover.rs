//! Auto-detection of dependency files and dispatch by file name.

mod common;

use common::{names, project};
use moat_deps::{FileFormat, discover_dependency_files, parse_file};
use std::path::Path;

#[test]
fn finds_dependency_files_but_not_inside_virtualenvs() {
    let dir = project(&[
        ("requirements.txt", "six==1.16.0\n"),
        ("requirements-dev.txt", "pytest\n"),
        ("requirements/base.txt", "idna\n"),
        ("requirements/notes.md", ""),
        ("pyproject.toml", "[project]\nname = \"x\"\n"),
        ("uv.lock", "version = 1\n"),
        ("poetry.lock", ""),
        ("Pipfile.lock", "{}"),
        ("pdm.lock", ""),
        ("pylock.toml", ""),
        ("pylock.dev.toml", ""),
        ("README.md", ""),
        ("notes.txt", ""),
        (".venv/pyvenv.cfg", ""),
        (".venv/requirements.txt", "evil\n"),
        ("venv/lib/python3.12/site-packages/pkg/pyproject.toml", ""),
        ("sub/requirements.txt", ""),
    ]);
    let found: Vec<String> = discover_dependency_files(dir.path())
        .expect("readable")
        .iter()
        .map(|path| {
            path.strip_prefix(dir.path())
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    assert_eq!(
        found,
        [
            "Pipfile.lock",
            "pdm.lock",
            "poetry.lock",
            "pylock.dev.toml",
            "pylock.toml",
            "pyproject.toml",
            "requirements/base.txt",
            "requirements-dev.txt",
            "requirements.txt",
            "uv.lock",
        ]
    );
}

#[test]
fn missing_folder_is_an_error_naming_it() {
    let err = discover_dependency_files(Path::new("/definitely/not/here")).unwrap_err();
    assert!(err.to_string().contains("/definitely/not/here"), "{err}");
}

#[test]
fn detects_formats_by_name() {
    for (name, format) in [
        ("requirements.txt", Some(FileFormat::Requirements)),
        ("dev.in", Some(FileFormat::Requirements)),
        ("pyproject.toml", Some(FileFormat::Pyproject)),
        ("uv.lock", Some(FileFormat::UvLock)),
        ("poetry.lock", Some(FileFormat::PoetryLock)),
        ("Pipfile.lock", Some(FileFormat::PipfileLock)),
        ("pdm.lock", Some(FileFormat::PdmLock)),
        ("pylock.toml", Some(FileFormat::Pylock)),
        ("pylock.docs.toml", Some(FileFormat::Pylock)),
        ("Cargo.lock", None),
        ("setup.py", None),
    ] {
        assert_eq!(FileFormat::detect(Path::new(name)), format, "{name}");
    }
}

#[test]
fn parse_file_dispatches_by_name() {
    let dir = project(&[
        ("requirements.txt", "six==1.16.0\n"),
        (
            "pyproject.toml",
            "[project]\ndependencies = [\"idna==3.6\"]\n",
        ),
        (
            "uv.lock",
            "version = 1\n[[package]]\nname = \"a\"\nversion = \"1.0\"\n",
        ),
        (
            "poetry.lock",
            "[[package]]\nname = \"b\"\nversion = \"2.0\"\n",
        ),
        (
            "Pipfile.lock",
            "{\"default\": {\"c\": {\"version\": \"==3.0\"}}}",
        ),
        ("pdm.lock", "[[package]]\nname = \"d\"\nversion = \"4.0\"\n"),
        (
            "pylock.toml",
            "lock-version = \"1.0\"\n[[packages]]\nname = \"e\"\nversion = \"5.0\"\n",
        ),
        ("setup.cfg", ""),
    ]);
    for (file, expected) in [
        ("requirements.txt", "six ==1.16.0"),
        ("pyproject.toml", "idna ==3.6"),
        ("uv.lock", "a ==1.0"),
        ("poetry.lock", "b ==2.0"),
        ("Pipfile.lock", "c ==3.0"),
        ("pdm.lock", "d ==4.0"),
        ("pylock.toml", "e ==5.0"),
    ] {
        let parsed = parse_file(&dir.path().join(file));
        assert!(
            parsed.problems.is_empty(),
            "{file}: {:?}",
            common::problems(&parsed)
        );
        assert_eq!(names(&parsed), [expected], "{file}");
    }
    let parsed = parse_file(&dir.path().join("setup.cfg"));
    assert_eq!(parsed.problems.len(), 1);
    assert!(
        parsed.problems[0]
            .message
            .contains("not a known dependency file")
    );
    let parsed = parse_file(&dir.path().join("missing.lock"));
    assert_eq!(parsed.problems.len(), 1);
    let parsed = parse_file(&dir.path().join("uv.lock.d/uv.lock"));
    assert_eq!(parsed.problems.len(), 1);
    assert!(parsed.problems[0].message.contains("uv.lock"));
}
