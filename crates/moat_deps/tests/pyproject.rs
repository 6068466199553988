//! `pyproject.toml`: PEP 621, PEP 735 and Poetry tables.

mod common;

use common::{assert_clean, find, names, problems};
use moat_deps::{Kind, parse_pyproject};

const PEP_621: &str = r#"[project]
name = "my-app"
version = "1.0"
dependencies = [
    "Django>=4.2,<5",
    "requests[socks]==2.31.0",
    "tomli; python_version < '3.11'",
    "vendored @ git+https://github.com/a/vendored@main",
]

[project.optional-dependencies]
postgres = ["psycopg[binary]==3.1.18"]
all = ["my_app[postgres]", "redis>=5"]
"#;

#[test]
fn pep_621_dependencies_and_extras() {
    let parsed = parse_pyproject("pyproject.toml", PEP_621);
    assert_clean(&parsed);
    assert_eq!(
        names(&parsed),
        [
            "Django >=4.2, <5",
            "requests ==2.31.0",
            "tomli",
            "psycopg ==3.1.18",
            "redis >=5"
        ]
    );
    let django = find(&parsed, "django");
    assert_eq!(
        (django.source.line, django.group.as_deref()),
        (Some(5), None)
    );
    assert_eq!(django.kind, Kind::Direct);
    let psycopg = find(&parsed, "psycopg");
    assert_eq!(psycopg.group.as_deref(), Some("postgres"));
    assert_eq!(psycopg.extras, ["binary"]);
    assert_eq!(psycopg.source.line, Some(12));
    assert_eq!(find(&parsed, "redis").group.as_deref(), Some("all"));
    assert!(find(&parsed, "tomli").marker.is_some());
    assert_eq!(parsed.unauditable.len(), 1);
    assert_eq!(parsed.unauditable[0].source.line, Some(8));
    assert_eq!(parsed.unauditable[0].reason, "VCS requirement");
}

#[test]
fn pep_735_groups_with_includes() {
    let text = r#"
[dependency-groups]
test = ["pytest==8.0.0", {include-group = "Typing"}]
typing = ["mypy>=1.8"]
dev = [{include-group = "test"}, "ruff"]
"#;
    let parsed = parse_pyproject("pyproject.toml", text);
    assert_clean(&parsed);
    let mut found: Vec<(String, String)> = parsed
        .dependencies
        .iter()
        .map(|d| {
            (
                d.group.clone().unwrap_or_default(),
                d.normalized_name.clone(),
            )
        })
        .collect();
    found.sort();
    let expected = [
        ("dev", "mypy"),
        ("dev", "pytest"),
        ("dev", "ruff"),
        ("test", "mypy"),
        ("test", "pytest"),
        ("typing", "mypy"),
    ];
    assert_eq!(
        found,
        expected.map(|(g, n)| (g.to_owned(), n.to_owned())).to_vec()
    );
    // An included requirement keeps the line where it is written.
    assert!(
        parsed
            .dependencies
            .iter()
            .filter(|d| d.normalized_name == "mypy")
            .all(|d| d.source.line == Some(4))
    );
}

#[test]
fn pep_735_cycles_and_unknown_groups_are_problems() {
    let text = r#"[dependency-groups]
a = ["six", {include-group = "b"}]
b = [{include-group = "a"}]
c = [{include-group = "missing"}, "idna"]
d = [{nonsense = 1}]
"#;
    let parsed = parse_pyproject("pyproject.toml", text);
    let found = problems(&parsed);
    assert!(
        found
            .iter()
            .any(|p| p.contains(":2: dependency group `b` includes itself")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains(":3: dependency group `a` includes itself")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains(":4: included dependency group `missing` does not exist")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|p| p.starts_with("pyproject.toml:5:")),
        "{found:?}"
    );
    assert!(names(&parsed).contains(&"idna".to_owned()));
}

const POETRY: &str = r#"[tool.poetry]
name = "svc"
version = "0.1.0"

[tool.poetry.dependencies]
python = "^3.10"
Django = "^4.2"
requests = { version = "~2.31", extras = ["socks"] }
pinned = "1.2.3"
anything = "*"
psycopg2 = { version = "^2.9", optional = true }
mylib = { git = "https://github.com/a/mylib.git", branch = "main" }
local = { path = "../local", develop = true }
wheel-url = { url = "https://example.com/w-1.0-py3-none-any.whl" }
multi = [
    { version = "<2", python = "<3.11" },
    { version = "^2", python = ">=3.11" },
]
either = "^1.0 || ^3.0"
marked = { version = ">=1", markers = "sys_platform == 'linux'" }

[tool.poetry.extras]
pg = ["psycopg2"]

[tool.poetry.group.test.dependencies]
pytest = "^8.0"

[tool.poetry.dev-dependencies]
black = "24.2.0"
"#;

#[test]
fn poetry_tables() {
    let parsed = parse_pyproject("pyproject.toml", POETRY);
    assert_clean(&parsed);
    let django = find(&parsed, "django");
    assert_eq!(django.requirement.to_string(), ">=4.2, <5");
    assert_eq!(django.source.line, Some(7));
    let requests = find(&parsed, "requests");
    assert_eq!(requests.requirement.to_string(), ">=2.31, <2.32");
    assert_eq!(requests.extras, ["socks"]);
    assert!(find(&parsed, "pinned").requirement.pinned().is_some());
    assert_eq!(find(&parsed, "anything").requirement.to_string(), "");
    assert_eq!(find(&parsed, "psycopg2").group.as_deref(), Some("pg"));
    assert_eq!(
        find(&parsed, "either").requirement.to_string(),
        ">=1.0, <2 || >=3.0, <4"
    );
    assert_eq!(
        find(&parsed, "marked").marker.as_deref(),
        Some("sys_platform == 'linux'")
    );
    assert_eq!(find(&parsed, "pytest").group.as_deref(), Some("test"));
    assert_eq!(find(&parsed, "black").group.as_deref(), Some("dev"));
    assert_eq!(
        parsed
            .dependencies
            .iter()
            .filter(|d| d.name == "multi")
            .count(),
        2
    );
    assert!(parsed.dependencies.iter().all(|d| d.name != "python"));
    let unauditable: Vec<(&str, &str)> = parsed
        .unauditable
        .iter()
        .map(|u| (u.name.as_deref().unwrap_or(""), u.reason.as_str()))
        .collect();
    assert_eq!(
        unauditable,
        [
            ("mylib", "VCS requirement"),
            ("local", "local path requirement"),
            ("wheel-url", "direct URL requirement")
        ]
    );
}

#[test]
fn poetry_bad_constraints_are_problems() {
    let text = "[tool.poetry.dependencies]\nok = \"^1.0\"\nbad = \"^banana\"\nweird = 3\n";
    let parsed = parse_pyproject("pyproject.toml", text);
    assert_eq!(names(&parsed), ["ok >=1.0, <2"]);
    let found = problems(&parsed);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].starts_with("pyproject.toml:3: `bad`"), "{found:?}");
    assert!(found[1].starts_with("pyproject.toml:4:"), "{found:?}");
}

#[test]
fn broken_toml_is_one_problem() {
    let parsed = parse_pyproject(
        "pyproject.toml",
        "[project]\ndependencies = [\"a\",\n[oops\n",
    );
    assert!(parsed.dependencies.is_empty());
    assert_eq!(parsed.problems.len(), 1);
    assert!(parsed.problems[0].message.starts_with("invalid TOML"));
    assert!(parsed.problems[0].position.is_some());
}

#[test]
fn wrong_types_and_invalid_requirements_are_problems() {
    let text = "\u{feff}[project]\r\nname = \"x\"\r\ndependencies = [\"six==1.16.0\", 3, \"bad req!!\", \"foo==1.0-x-y\"]\r\n\
                [project.optional-dependencies]\r\nextra = \"not-a-list\"\r\n";
    let parsed = parse_pyproject("pyproject.toml", text);
    assert_eq!(names(&parsed), ["six ==1.16.0"]);
    let found = problems(&parsed);
    assert_eq!(found.len(), 4, "{found:?}");
    assert!(
        found[..3]
            .iter()
            .all(|p| p.starts_with("pyproject.toml:3:")),
        "{found:?}"
    );
    assert!(found[3].starts_with("pyproject.toml:5:"), "{found:?}");
}

#[test]
fn empty_and_dynamic_projects_have_no_dependencies() {
    let parsed = parse_pyproject(
        "pyproject.toml",
        "[project]\nname = \"x\"\ndynamic = [\"dependencies\"]\n",
    );
    assert_clean(&parsed);
    assert!(parsed.dependencies.is_empty());
    let parsed = parse_pyproject("pyproject.toml", "[tool.black]\nline-length = 100\n");
    assert_clean(&parsed);
    assert!(parsed.dependencies.is_empty());
}
