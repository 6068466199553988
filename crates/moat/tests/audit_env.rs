//! `moat audit --env`: installed environments (virtualenvs with POSIX and Windows layouts,
//! bare `site-packages` folders), broken metadata, and paths that are no environment.

mod common;

use common::{OSV_SNAPSHOT, Project, audit_json, audit_vulnerabilities, install};

const POSIX_SITE: &str = ".venv/lib/python3.11/site-packages";

#[test]
fn a_virtualenv_is_audited_from_its_installed_metadata_as_pinned_versions() {
    let project = Project::new();
    project.write(".venv/pyvenv.cfg", "home = /usr/bin\n");
    install(&project, POSIX_SITE, "Jinja2", "2.10", &[]);
    install(&project, POSIX_SITE, "requests", "2.32.3", &[]);
    // A requirements file beside it is not audited when only `--env` is given.
    project.write("requirements.txt", "flask==0.1\n");
    let (run, json) = audit_json(&project, &["--env", ".venv"]);
    run.assert_code(1);
    assert_eq!(
        audit_vulnerabilities(&json),
        [
            (
                "Jinja2".into(),
                "GHSA-462w-v97r-4m45".into(),
                "pinned".into()
            ),
            (
                "Jinja2".into(),
                "GHSA-g3rq-g295-4j3m".into(),
                "pinned".into()
            ),
        ]
    );
    let first = &json["vulnerabilities"][0];
    assert_eq!(
        first["file"],
        ".venv/lib/python3.11/site-packages/Jinja2-2.10.dist-info/METADATA"
    );
    assert_eq!(first["line"], 3, "the `Version:` line");
    assert_eq!(first["smallest_fix"], "2.11.3");
    assert_eq!(json["summary"]["dependencies"], 2);
    assert_eq!(json["summary"]["environments"], 1);
    assert_eq!(json["summary"]["dependency_files"], 0);

    let run = project.moat(&["audit", "--db", OSV_SNAPSHOT, "--env", ".venv"]);
    run.assert_code(1);
    assert!(
        run.stdout
            .contains("2 vulnerabilities in 1 package (1 environment); smallest upgrades: jinja2 2.10 → 2.11.3."),
        "{}",
        run.stdout
    );

    // With a PATH too, both are audited.
    let (run, json) = audit_json(&project, &[".", "--env", ".venv"]);
    run.assert_code(1);
    assert!(
        audit_vulnerabilities(&json)
            .iter()
            .any(|(package, _, _)| package == "flask")
    );
    assert_eq!(json["summary"]["environments"], 1);
    assert_eq!(json["summary"]["dependency_files"], 1);
}

#[test]
fn windows_layouts_and_bare_site_packages_folders_are_environments() {
    let project = Project::new();
    install(&project, "winenv/Lib/site-packages", "jinja2", "2.10", &[]);
    install(&project, "site-packages", "jinja2", "2.11.3", &[]);
    let (run, json) = audit_json(&project, &["--env", "winenv"]);
    run.assert_code(1);
    assert_eq!(json["summary"]["vulnerabilities"], 2);
    assert_eq!(
        json["vulnerabilities"][0]["file"],
        "winenv/Lib/site-packages/jinja2-2.10.dist-info/METADATA"
    );

    let (run, json) = audit_json(&project, &["--env", "site-packages"]);
    run.assert_code(0);
    assert_eq!(json["summary"]["dependencies"], 1);
    assert_eq!(json["summary"]["vulnerabilities"], 0);

    let run = project.moat(&["audit", "--db", OSV_SNAPSHOT, "--env", "site-packages"]);
    run.assert_code(0);
    assert!(
        run.stdout
            .contains("No known vulnerabilities in 1 dependency (1 environment)."),
        "{}",
        run.stdout
    );
}

#[test]
fn broken_metadata_is_an_error_naming_the_file_and_the_rest_is_audited() {
    let project = Project::new();
    install(&project, POSIX_SITE, "jinja2", "2.10", &[]);
    project.write(
        &format!("{POSIX_SITE}/broken-1.0.dist-info/METADATA"),
        "Metadata-Version: 2.1\nSummary: no name or version\n",
    );
    project.write(
        &format!("{POSIX_SITE}/odd-1.0.dist-info/METADATA"),
        "Metadata-Version: 2.1\nName: odd\nVersion: not a version\n",
    );
    project.write(
        &format!("{POSIX_SITE}/binary-1.0.dist-info/METADATA"),
        b"\xff\xfe\x00\x00garbage",
    );
    let (run, json) = audit_json(&project, &["--env", ".venv"]);
    run.assert_code(1);
    assert_eq!(
        json["summary"]["vulnerabilities"], 2,
        "jinja2 is still audited"
    );
    let errors: Vec<(String, Option<u64>)> = json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["file"].as_str().unwrap().to_owned(), e["line"].as_u64()))
        .collect();
    let site = POSIX_SITE;
    assert_eq!(
        errors,
        [
            (format!("{site}/binary-1.0.dist-info/METADATA"), None),
            (format!("{site}/broken-1.0.dist-info/METADATA"), None),
            (format!("{site}/odd-1.0.dist-info/METADATA"), Some(3)),
        ]
    );
    let messages: Vec<&str> = json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["message"].as_str().unwrap())
        .collect();
    assert!(
        messages[1].contains("`Name:` and `Version:`"),
        "{messages:?}"
    );
    assert!(
        messages[2].contains("not a PEP 440 version"),
        "{messages:?}"
    );
}

#[test]
fn a_path_that_is_no_environment_exits_2() {
    let project = Project::new();
    project.write("project/app.py", "print('hi')\n");
    let run = project.moat(&["audit", "--db", OSV_SNAPSHOT, "--env", "project"]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("`project` is neither a virtualenv nor a `site-packages` folder"),
        "{}",
        run.stderr
    );
    let run = project.moat(&["audit", "--db", OSV_SNAPSHOT, "--env", "nowhere"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("`nowhere`: no such file or directory"),
        "{}",
        run.stderr
    );
}
