use std::path::{Path, PathBuf};

use moat_diagnostics::{Confidence, Severity};

use super::write;
use crate::config::{Config, ConfigError, DEFAULT_INCLUDE, DEFAULT_MAX_FILE_SIZE, parse_size};
use crate::test_rules::RULES;

fn load(dir: &Path, name: &str, text: &str) -> Result<Config, ConfigError> {
    write(dir, name, text);
    Config::from_file(&dir.join(name), &RULES)
}

fn load_err(name: &str, text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    load(dir.path(), name, text).unwrap_err().to_string()
}

#[test]
fn moat_toml_keys_are_resolved() {
    let dir = tempfile::tempdir().unwrap();
    let config = load(
        dir.path(),
        "moat.toml",
        r#"
select = ["injection", "B307"]
extend-select = ["hardcoded-tmp-dir"]
ignore = ["S602"]
exclude = ["migrations/", "*_pb2.py"]
include = ["*.py"]
severity = "medium"
confidence = "HIGH"
baseline = "ci/baseline.json"
respect-gitignore = false
max-file-size = "1.5MB"

[per-path-ignores]
"tests/**" = ["assert-used"]
"conftest.py" = ["code", "B324"]
"#,
    )
    .unwrap();
    let root = dir.path().to_path_buf();
    assert_eq!(config.path, Some(root.join("moat.toml")));
    assert_eq!(config.root, root);
    assert_eq!(
        config.select,
        Some(vec!["injection".to_string(), "B307".to_string()])
    );
    assert_eq!(config.extend_select, ["hardcoded-tmp-dir"]);
    assert_eq!(config.ignore, ["S602"]);
    assert_eq!(config.exclude, ["migrations/", "*_pb2.py"]);
    assert_eq!(config.include, ["*.py"]);
    assert_eq!(config.severity, Severity::Medium);
    assert_eq!(config.confidence, Confidence::High);
    assert_eq!(config.baseline, Some(root.join("ci/baseline.json")));
    assert!(!config.respect_gitignore);
    assert_eq!(config.max_file_size, 1_572_864);
    assert_eq!(
        config.per_path_ignores,
        [
            (
                "conftest.py".to_string(),
                vec!["code".to_string(), "B324".to_string()]
            ),
            ("tests/**".to_string(), vec!["assert-used".to_string()]),
        ]
    );
}

#[test]
fn defaults_when_keys_are_absent() {
    let dir = tempfile::tempdir().unwrap();
    let config = load(dir.path(), "moat.toml", "").unwrap();
    let defaults = Config::with_root(dir.path());
    assert_eq!(config.path, Some(dir.path().join("moat.toml")));
    assert_eq!(
        Config {
            path: None,
            ..config
        },
        defaults
    );
    assert_eq!(defaults.select, None);
    assert_eq!(defaults.include, DEFAULT_INCLUDE);
    assert_eq!(defaults.max_file_size, DEFAULT_MAX_FILE_SIZE);
    assert!(defaults.respect_gitignore);
    assert_eq!(defaults.severity, Severity::Low);
    assert_eq!(
        Config::default().root,
        std::env::current_dir().unwrap(),
        "Config::default() is rooted at the working directory"
    );
}

#[test]
fn pyproject_tool_moat_table_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let config = load(
        dir.path(),
        "pyproject.toml",
        r#"
[project]
name = "app"

[tool.black]
line-length = 100

[tool.moat]
select = ["ALL"]
max-file-size = 2048

[tool.moat.per-path-ignores]
"tests/" = ["assert-used"]
"#,
    )
    .unwrap();
    assert_eq!(config.select, Some(vec!["ALL".to_string()]));
    assert_eq!(config.max_file_size, 2048);
    assert_eq!(
        config.per_path_ignores,
        [("tests/".to_string(), vec!["assert-used".to_string()])]
    );
}

#[test]
fn explicit_pyproject_without_table_is_an_error() {
    let message = load_err("pyproject.toml", "[project]\nname = \"app\"\n");
    assert!(message.contains("has no `[tool.moat]` table"), "{message}");
    assert!(message.contains("pyproject.toml"), "{message}");
}

#[test]
fn explicit_file_with_another_name_is_moat_format() {
    let dir = tempfile::tempdir().unwrap();
    let config = load(dir.path(), "ci-moat.toml", "severity = \"high\"\n").unwrap();
    assert_eq!(config.severity, Severity::High);
    let error = load(
        dir.path(),
        "other.toml",
        "[tool.moat]\nseverity = \"high\"\n",
    )
    .unwrap_err();
    let message = error.to_string();
    assert!(message.contains("unknown key `tool`"), "{message}");
    assert!(
        message.contains("keys go at the top level, without a `[tool.moat]` table"),
        "{message}"
    );
}

#[test]
fn missing_explicit_file_names_the_path() {
    let error = Config::from_file(Path::new("/nonexistent/dir/moat.toml"), &RULES).unwrap_err();
    assert!(matches!(error, ConfigError::Read { .. }));
    assert!(
        error.to_string().contains("/nonexistent/dir/moat.toml"),
        "{error}"
    );
}

#[test]
fn unknown_key_lists_allowed_keys_and_suggests() {
    let message = load_err(
        "pyproject.toml",
        "[tool.moat]\nselect = [\"ALL\"]\nseverty = \"low\"\n",
    );
    assert!(message.contains("pyproject.toml` line 3"), "{message}");
    assert!(
        message.contains("unknown key `tool.moat.severty`"),
        "{message}"
    );
    assert!(message.contains("did you mean `severity`?"), "{message}");
    assert!(
        message.contains("allowed keys: select, extend-select, ignore, exclude, include"),
        "{message}"
    );

    let message = load_err("moat.toml", "\n[per-file-ignores]\n\"x\" = []\n");
    assert!(
        message.contains("unknown key `per-file-ignores`"),
        "{message}"
    );
    assert!(
        message.contains("did you mean `per-path-ignores`?"),
        "{message}"
    );

    let message = load_err("moat.toml", "[rules.eval-used]\nseverity = \"low\"\n");
    assert!(message.contains("unknown key `rules`"), "{message}");
    assert!(!message.contains("did you mean"), "{message}");
}

#[test]
fn bad_level_lists_allowed_values() {
    let message = load_err("pyproject.toml", "[tool.moat]\n\nseverity = \"extreme\"\n");
    assert!(message.contains("line 3"), "{message}");
    assert!(message.contains("`tool.moat.severity`"), "{message}");
    assert!(
        message.contains("expected one of: low, medium, high, critical"),
        "{message}"
    );

    let message = load_err("moat.toml", "confidence = 3\n");
    assert!(message.contains("`confidence`"), "{message}");
    assert!(message.contains("found an integer"), "{message}");
    assert!(message.contains("low, medium, high"), "{message}");
}

#[test]
fn bad_types_say_what_is_expected() {
    let message = load_err("moat.toml", "respect-gitignore = \"yes\"\n");
    assert!(
        message.contains("`respect-gitignore`: expected `true` or `false`, found a string"),
        "{message}"
    );

    let message = load_err("moat.toml", "select = \"ALL\"\n");
    assert!(message.contains("`select`"), "{message}");
    assert!(message.contains("expected an array"), "{message}");

    let message = load_err("moat.toml", "exclude = [\"a\", 3]\n");
    assert!(message.contains("`exclude[1]`"), "{message}");
    assert!(message.contains("found an integer"), "{message}");

    let message = load_err("moat.toml", "per-path-ignores = [\"tests\"]\n");
    assert!(message.contains("`per-path-ignores`"), "{message}");
    assert!(
        message.contains("expected a table mapping globs"),
        "{message}"
    );

    let message = load_err("moat.toml", "[per-path-ignores]\n\"tests/**\" = \"B101\"\n");
    assert!(
        message.contains("`per-path-ignores.\"tests/**\"`"),
        "{message}"
    );
    assert!(message.contains("line 2"), "{message}");

    let message = load_err("pyproject.toml", "[tool]\nmoat = 3\n");
    assert!(
        message.contains("`tool.moat`: expected a table"),
        "{message}"
    );

    let message = load_err("moat.toml", "baseline = \"\"\n");
    assert!(message.contains("`baseline`"), "{message}");
}

#[test]
fn unknown_selector_names_the_line_and_suggests() {
    let message = load_err(
        "pyproject.toml",
        "[tool.moat]\nselect = [\n  \"injection\",\n  \"eval-usd\",\n]\n",
    );
    assert!(message.contains("line 4"), "{message}");
    assert!(message.contains("`tool.moat.select`"), "{message}");
    assert!(
        message.contains("unknown rule or category `eval-usd`; did you mean `eval-used`?"),
        "{message}"
    );

    let message = load_err(
        "moat.toml",
        "[per-path-ignores]\n\"tests/**\" = [\"B999\"]\n",
    );
    assert!(
        message.contains("`per-path-ignores.\"tests/**\"`"),
        "{message}"
    );
    assert!(
        message.contains("unknown rule or category `B999`"),
        "{message}"
    );
    assert!(message.contains("line 2"), "{message}");
}

#[test]
fn bad_globs_and_sizes_are_rejected() {
    let message = load_err("moat.toml", "exclude = [\"{a,b\"]\n");
    assert!(message.contains("`exclude`"), "{message}");
    assert!(message.contains("is not a valid glob"), "{message}");

    let message = load_err("moat.toml", "include = []\n");
    assert!(message.contains("expected at least one glob"), "{message}");

    let message = load_err("moat.toml", "[per-path-ignores]\n\"a[\" = [\"B101\"]\n");
    assert!(message.contains("is not a valid glob"), "{message}");

    let message = load_err("moat.toml", "max-file-size = \"10 parsecs\"\n");
    assert!(message.contains("`max-file-size`"), "{message}");
    assert!(message.contains("KB, MB or GB"), "{message}");

    let message = load_err("moat.toml", "max-file-size = -1\n");
    assert!(message.contains("expected at least one byte"), "{message}");

    let message = load_err("moat.toml", "max-file-size = true\n");
    assert!(message.contains("found a boolean"), "{message}");
}

#[test]
fn syntax_errors_have_a_line() {
    let message = load_err("moat.toml", "select = [\"ALL\"]\nseverity = \n");
    assert!(
        message.contains("moat.toml` line 2: invalid TOML"),
        "{message}"
    );
}

#[test]
fn sizes_parse_with_units() {
    assert_eq!(parse_size("10MB"), Ok(10 * 1024 * 1024));
    assert_eq!(parse_size("512 kb"), Ok(512 * 1024));
    assert_eq!(parse_size("2GiB"), Ok(2 * 1024 * 1024 * 1024));
    assert_eq!(parse_size("4096"), Ok(4096));
    assert_eq!(parse_size("0.5K"), Ok(512));
    assert!(parse_size("0").unwrap_err().contains("at least one byte"));
    assert!(parse_size("MB").is_err());
    assert!(parse_size("1.2.3MB").is_err());
    assert!(parse_size("-5MB").is_err());
    assert!(parse_size("99999999999999999999GB").is_err());
}

#[test]
fn discovery_walks_upward_from_files_and_directories() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "moat.toml", "severity = \"high\"\n");
    write(root, "pkg/sub/mod.py", "");
    write(root, "pkg/pyproject.toml", "[project]\nname = \"pkg\"\n");

    let from_file = Config::discover(&[PathBuf::from("pkg/sub/mod.py")], root, &RULES).unwrap();
    assert_eq!(from_file.path, Some(root.join("moat.toml")));
    assert_eq!(from_file.severity, Severity::High);

    let from_dir = Config::discover(&[PathBuf::from("pkg")], root, &RULES).unwrap();
    assert_eq!(from_dir.path, Some(root.join("moat.toml")));

    let from_cwd = Config::discover(&[], &root.join("pkg/sub"), &RULES).unwrap();
    assert_eq!(from_cwd.path, Some(root.join("moat.toml")));
    assert_eq!(
        Config::find(&root.join("pkg/sub")).unwrap(),
        Some(root.join("moat.toml"))
    );
}

#[test]
fn nearest_configuration_wins_and_moat_toml_beats_pyproject() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "moat.toml", "severity = \"high\"\n");
    write(
        root,
        "app/pyproject.toml",
        "[tool.moat]\nseverity = \"medium\"\n",
    );
    write(root, "app/x.py", "");
    let config = Config::discover(&[PathBuf::from("app/x.py")], root, &RULES).unwrap();
    assert_eq!(config.path, Some(root.join("app/pyproject.toml")));
    assert_eq!(config.root, root.join("app"));
    assert_eq!(config.severity, Severity::Medium);

    write(root, "app/moat.toml", "severity = \"critical\"\n");
    let config = Config::discover(&[PathBuf::from("app")], root, &RULES).unwrap();
    assert_eq!(config.path, Some(root.join("app/moat.toml")));
    assert_eq!(config.severity, Severity::Critical);
}

#[test]
fn unrelated_pyprojects_are_skipped_even_when_broken() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "pyproject.toml",
        "[tool.moat]\nconfidence = \"medium\"\n",
    );
    write(root, "a/pyproject.toml", "[tool.ruff]\nselect = [\"S\"]\n");
    write(root, "a/b/pyproject.toml", "this is [ not toml");
    write(root, "a/b/c.py", "");
    let config = Config::discover(&[PathBuf::from("a/b/c.py")], root, &RULES).unwrap();
    assert_eq!(config.path, Some(root.join("pyproject.toml")));
    assert_eq!(config.confidence, Confidence::Medium);

    // A pyproject.toml that mentions moat but does not parse is an error, not silence.
    write(root, "a/b/pyproject.toml", "[tool.moat\nselect = 1");
    let error = Config::discover(&[PathBuf::from("a/b/c.py")], root, &RULES).unwrap_err();
    assert!(
        matches!(&error, ConfigError::Parse { path, line: Some(1), .. }
            if path == Path::new("a/b/pyproject.toml")),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .starts_with("`a/b/pyproject.toml` line 1: invalid TOML")
    );
}

#[test]
fn no_configuration_gives_defaults_rooted_at_cwd() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    write(&root, "x.py", "");
    let config = Config::discover(&[PathBuf::from("x.py")], &root, &RULES).unwrap();
    // A configuration in an ancestor of the temporary directory would be found; there is
    // none in a fresh temporary directory on a test machine.
    if config.path.is_none() {
        assert_eq!(config, Config::with_root(&root));
    }
}
