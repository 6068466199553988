//! Import-level reachability in `moat audit`: which vulnerable packages the project's own
//! Python code imports, with the first import site; import names from installed `RECORD`
//! files, from the table of well-known names, or from the package name; files that do not
//! parse are left out with a note, never fatal.

mod common;

use common::{OSV_SNAPSHOT, Project, install};
use serde_json::Value;

/// `(package, reachable, import site)` per vulnerability, deduplicated by package.
fn reach(json: &Value) -> Vec<(String, String, Option<String>)> {
    let mut out: Vec<(String, String, Option<String>)> = Vec::new();
    for v in json["vulnerabilities"].as_array().unwrap() {
        let site = v["import_site"]
            .as_object()
            .map(|site| format!("{}:{}", site["file"].as_str().unwrap(), site["line"]));
        let entry = (
            v["package"].as_str().unwrap().to_owned(),
            v["reachable"].as_str().unwrap().to_owned(),
            site,
        );
        if !out.contains(&entry) {
            out.push(entry);
        }
    }
    out
}

fn project() -> Project {
    let project = Project::new();
    project.write(
        "requirements.txt",
        "PyYAML==5.3\njinja2==2.10\nPillow==8.0.0\nlxml==4.6.2\n",
    );
    project.write(
        "app/loader.py",
        "import json\n\ndef load(text):\n    try:\n        import yaml\n    except ImportError:\n        return json.loads(text)\n    return yaml.safe_load(text)\n",
    );
    project.write(
        "app/images.py",
        "import importlib\n\nImage = importlib.import_module(\"PIL.Image\")\n",
    );
    project.write("app/broken.py", "def broken(:\n    import lxml\n");
    project.write("app/blob.py", b"import lxml\x00\x01\x02binary");
    // A virtualenv inside the project is not project code.
    project.write(".venv/pyvenv.cfg", "home = /usr/bin\n");
    project.write(
        ".venv/lib/python3.11/site-packages/jinja2/x.py",
        "import jinja2\n",
    );
    project
}

#[test]
fn findings_say_whether_the_project_imports_the_package() {
    let project = project();
    let run = project.moat(&["audit", "--db", OSV_SNAPSHOT, "--format", "json"]);
    run.assert_code(1);
    let json = run.json();
    assert_eq!(
        reach(&json),
        [
            (
                "PyYAML".into(),
                "imported".into(),
                Some("app/loader.py:5".into())
            ),
            ("jinja2".into(), "not-imported".into(), None),
            (
                "Pillow".into(),
                "imported".into(),
                Some("app/images.py:3".into())
            ),
            ("lxml".into(), "not-imported".into(), None),
        ]
    );
    // The file that does not parse is left out of the scan, and is not an audit error.
    assert_eq!(json["import_scan"]["python_files"], 2);
    let skipped: Vec<(&str, &str)> = json["import_scan"]["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["file"].as_str().unwrap(), e["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        skipped,
        [
            ("app/blob.py", "binary-file"),
            ("app/broken.py", "syntax-error")
        ]
    );
    assert!(json["errors"].as_array().unwrap().is_empty());

    // Text: an IMPORTED column, imported packages first, and a note for the skipped file.
    let run = project.moat(&["audit", "--db", OSV_SNAPSHOT]);
    run.assert_code(1);
    assert!(run.stdout.contains("IMPORTED"), "{}", run.stdout);
    let rows: Vec<&str> = run
        .stdout
        .lines()
        .skip_while(|line| !line.starts_with("PACKAGE"))
        .skip(1)
        .take_while(|line| !line.is_empty())
        .collect();
    let first_not_imported = rows.iter().position(|row| row.contains("  no  ")).unwrap();
    assert!(
        rows[..first_not_imported]
            .iter()
            .all(|row| row.contains("app/")),
        "{rows:#?}"
    );
    assert!(
        rows[first_not_imported..]
            .iter()
            .all(|row| !row.contains("app/")),
        "{rows:#?}"
    );
    assert!(
        run.stdout.contains(
            "note: 2 Python files left out of the import scan (could not be read or parsed): \
             app/blob.py, app/broken.py"
        ),
        "{}",
        run.stdout
    );

    // SARIF carries it as a result property.
    let run = project.moat(&["audit", "--db", OSV_SNAPSHOT, "--format", "sarif"]);
    let sarif = run.json();
    let first = &sarif["runs"][0]["results"][0]["properties"];
    assert_eq!(first["reachable"], "imported");
    assert_eq!(first["importSite"], "app/loader.py:5");
}

#[test]
fn a_lone_dependency_file_has_unknown_reachability() {
    let project = project();
    let run = project.moat(&[
        "audit",
        "requirements.txt",
        "--db",
        OSV_SNAPSHOT,
        "--format",
        "json",
    ]);
    run.assert_code(1);
    let json = run.json();
    assert!(
        reach(&json)
            .iter()
            .all(|(_, reachable, _)| reachable == "unknown")
    );
    assert_eq!(json["import_scan"], Value::Null);
    let run = project.moat(&["audit", "requirements.txt", "--db", OSV_SNAPSHOT]);
    assert!(!run.stdout.contains("IMPORTED"), "{}", run.stdout);
}

#[test]
fn installed_record_files_name_the_modules_a_distribution_provides() {
    let project = Project::new();
    // The installed distributions' RECORD files say which modules they provide.
    let site = ".venv/lib/python3.11/site-packages";
    install(
        &project,
        site,
        "Jinja2",
        "2.10",
        &["jinja2/__init__.py", "jinja2/sandbox.py"],
    );
    install(
        &project,
        site,
        "requests",
        "2.19.0",
        &["requests/__init__.py"],
    );
    project.write(
        "main.py",
        "from jinja2.sandbox import SandboxedEnvironment\n",
    );
    let run = project.moat(&[
        "audit",
        "--db",
        OSV_SNAPSHOT,
        "--env",
        ".venv",
        "--format",
        "json",
    ]);
    run.assert_code(1);
    let json = run.json();
    assert_eq!(
        reach(&json),
        [
            ("Jinja2".into(), "imported".into(), Some("main.py:1".into())),
            ("requests".into(), "not-imported".into(), None),
        ]
    );
}
