//! Dependency edges read from lock files, and where unauditable entries come from.

use moat_deps::{
    Parsed, parse_pdm_lock, parse_pipfile_lock, parse_poetry_lock, parse_pylock, parse_uv_lock,
};

/// `from -> to[extras] (via)` for each edge, in order.
fn edges(parsed: &Parsed) -> Vec<String> {
    parsed
        .edges
        .iter()
        .map(|edge| {
            let mut text = format!("{} -> {}", edge.from, edge.to);
            if !edge.extras.is_empty() {
                text.push_str(&format!("[{}]", edge.extras.join(",")));
            }
            if let Some(via) = &edge.via {
                text.push_str(&format!(" ({via})"));
            }
            text
        })
        .collect()
}

#[test]
fn uv_lock_main_optional_and_dev_edges() {
    let text = r#"version = 1

[[package]]
name = "app"
version = "0.1.0"
source = { virtual = "." }
dependencies = [
    { name = "Requests", extra = ["socks"] },
]

[package.optional-dependencies]
fast = [{ name = "orjson" }]

[package.dev-dependencies]
dev = [{ name = "pytest" }]

[[package]]
name = "requests"
version = "2.31.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "idna" }, { name = "requests" }]

[[package]]
name = "idna"
version = "3.6"
source = { registry = "https://pypi.org/simple" }
"#;
    let parsed = parse_uv_lock("uv.lock", text);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert_eq!(
        edges(&parsed),
        [
            "app -> orjson (fast)",
            "app -> pytest (dev)",
            "app -> requests[socks]",
            "requests -> idna",
        ]
    );
    assert_eq!(parsed.edges[0].source.line, Some(4));
    let root = &parsed.unauditable[0];
    assert_eq!(
        (root.target.as_deref(), root.version.as_deref()),
        (Some("."), Some("0.1.0"))
    );
}

#[test]
fn poetry_lock_dependencies_and_extras() {
    let text = r#"[[package]]
name = "requests"
version = "2.31.0"
groups = ["main"]
files = []

[package.dependencies]
certifi = ">=2017.4.17"
urllib3 = {version = ">=1.21.1,<3", extras = ["brotli"]}
PySocks = {version = ">=1.5.6,!=1.5.7", optional = true}
idna = [
    {version = ">=2.5,<4", markers = "python_version >= \"3.8\""},
    {version = ">=2.5,<3", markers = "python_version < \"3.8\""},
]

[package.extras]
socks = ["PySocks (>=1.5.6,!=1.5.7)"]
use-chardet = ["chardet[full] (>=3.0.2,<6)"]
"#;
    let parsed = parse_poetry_lock("poetry.lock", text);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert_eq!(
        edges(&parsed),
        [
            "requests -> certifi",
            "requests -> chardet[full] (use-chardet)",
            "requests -> idna",
            "requests -> pysocks (socks)",
            "requests -> urllib3[brotli]",
        ]
    );
}

#[test]
fn pdm_lock_requirement_strings() {
    let text = r#"[[package]]
name = "black"
version = "24.2.0"
groups = ["default"]
dependencies = [
    "click>=8.0.0",
    "tomli>=1.1.0; python_version < \"3.11\"",
]

[[package]]
name = "black"
version = "24.2.0"
extras = ["d"]
groups = ["default"]
dependencies = [
    "aiohttp[speedups]>=3.7.4",
    "black==24.2.0",
]
"#;
    let parsed = parse_pdm_lock("pdm.lock", text);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert_eq!(
        edges(&parsed),
        [
            "black -> click",
            "black -> tomli",
            "black -> aiohttp[speedups]"
        ]
    );
}

#[test]
fn pylock_dependency_tables() {
    let text = r#"lock-version = "1.0"
created-by = "test"

[[packages]]
name = "cattrs"
version = "24.1.2"
dependencies = [{ name = "attrs" }, { version = "1.0" }]

[[packages]]
name = "attrs"
version = "25.1.0"
"#;
    let parsed = parse_pylock("pylock.toml", text);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert_eq!(edges(&parsed), ["cattrs -> attrs"]);
}

#[test]
fn pipfile_lock_has_no_graph() {
    let text = r#"{"default": {"requests": {"version": "==2.31.0"}}, "develop": {}}"#;
    let parsed = parse_pipfile_lock("Pipfile.lock", text);
    assert_eq!(parsed.dependencies.len(), 1);
    assert!(parsed.edges.is_empty());
}

#[test]
fn unauditable_entries_keep_their_url_or_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("requirements.txt");
    std::fs::write(
        &path,
        "pkg @ git+https://github.com/a/pkg@v1 ; python_version > '3'\n\
         -e ./tools\n\
         https://example.com/dist/thing-1.0.tar.gz\n",
    )
    .unwrap();
    let parsed = moat_deps::parse_requirements_file(&path);
    let targets: Vec<Option<&str>> = parsed
        .unauditable
        .iter()
        .map(|u| u.target.as_deref())
        .collect();
    assert_eq!(
        targets,
        [
            Some("git+https://github.com/a/pkg@v1"),
            Some("./tools"),
            Some("https://example.com/dist/thing-1.0.tar.gz"),
        ]
    );
}

#[test]
fn poetry_lock_optional_packages_belong_to_their_extra() {
    let text = r#"[[package]]
name = "cryptography"
version = "42.0.5"
optional = true
groups = ["main"]
markers = "extra == \"crypto\""
files = []

[[package]]
name = "pyyaml"
version = "6.0.1"
optional = true
groups = ["main"]
files = []

[[package]]
name = "requests"
version = "2.31.0"
optional = false
groups = ["main"]
files = []
"#;
    let parsed = parse_poetry_lock("poetry.lock", text);
    let groups: Vec<(&str, Option<&str>)> = parsed
        .dependencies
        .iter()
        .map(|d| (d.name.as_str(), d.group.as_deref()))
        .collect();
    assert_eq!(
        groups,
        [
            ("cryptography", Some("crypto")),
            ("pyyaml", Some("extras")),
            ("requests", None)
        ]
    );
}

#[test]
fn git_sources_of_lock_files_are_given_as_pip_writes_them() {
    let uv = parse_uv_lock(
        "uv.lock",
        "version = 1\n[[package]]\nname = \"lib\"\nversion = \"1.0.0\"\n\
         source = { git = \"https://github.com/acme/lib?rev=v1.0.0#0123abc\" }\n",
    );
    let entry = &uv.unauditable[0];
    assert_eq!(
        entry.target.as_deref(),
        Some("git+https://github.com/acme/lib@0123abc")
    );
    // What audit shows is the lock file's own text.
    assert_eq!(
        entry.text,
        "lib @ https://github.com/acme/lib?rev=v1.0.0#0123abc"
    );

    let poetry = parse_poetry_lock(
        "poetry.lock",
        "[[package]]\nname = \"internal\"\nversion = \"0.3.0\"\nfiles = []\n\n[package.source]\n\
         type = \"git\"\nurl = \"https://github.com/acme/internal.git\"\nreference = \"main\"\n\
         resolved_reference = \"89ab\"\n",
    );
    assert_eq!(
        poetry.unauditable[0].target.as_deref(),
        Some("git+https://github.com/acme/internal.git@89ab")
    );
    assert_eq!(poetry.unauditable[0].version.as_deref(), Some("0.3.0"));
}

#[test]
fn an_installed_vcs_checkout_names_its_commit() {
    let dir = tempfile::tempdir().unwrap();
    let dist_info = dir.path().join("site-packages/tool-0.1.0.dist-info");
    std::fs::create_dir_all(&dist_info).unwrap();
    std::fs::write(
        dist_info.join("METADATA"),
        "Metadata-Version: 2.1\nName: tool\nVersion: 0.1.0\n",
    )
    .unwrap();
    std::fs::write(
        dist_info.join("direct_url.json"),
        r#"{"url": "https://github.com/acme/tool.git", "vcs_info": {"vcs": "git", "commit_id": "abc123"}}"#,
    )
    .unwrap();
    let parsed = moat_deps::parse_environment(&dir.path().join("site-packages"));
    let entry = &parsed.unauditable[0];
    assert_eq!(entry.text, "tool @ https://github.com/acme/tool.git");
    assert_eq!(
        entry.target.as_deref(),
        Some("git+https://github.com/acme/tool.git@abc123")
    );
    assert_eq!(entry.version.as_deref(), Some("0.1.0"));
}
