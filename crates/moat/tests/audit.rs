//! `moat audit` end to end: the real OSV snapshot and small hand-written OSV folders;
//! exit statuses, pinned and range findings, ignores, unauditable entries, errors, formats.

mod common;

use common::{OSV_SNAPSHOT, Project, audit_json, audit_vulnerabilities};
use serde_json::Value;

/// jinja2 2.10's two vulnerabilities in the snapshot (PYSEC-2019-217, PYSEC-2021-66).
const JINJA2_2_10: [&str; 2] = ["GHSA-462w-v97r-4m45", "GHSA-g3rq-g295-4j3m"];

/// Two records of one flaw in `demo-pkg` (merged by alias) and one in `other`.
const OSV_DIR: &str = r#"# --- file: osv/PYSEC-2099-1.json
{"id": "PYSEC-2099-1", "aliases": ["CVE-2099-0001"], "summary": "Demo flaw",
 "affected": [{"package": {"ecosystem": "PyPI", "name": "demo_pkg"},
   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.5"}]}],
   "versions": ["1.0", "1.1", "1.4"]}]}
# --- file: osv/GHSA-demo-demo-demo.json
{"id": "GHSA-demo-demo-demo", "aliases": ["CVE-2099-0001"], "summary": "Demo flaw (GHSA)",
 "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
 "affected": [{"package": {"ecosystem": "PyPI", "name": "Demo-Pkg"},
   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.5"}]}]}]}
# --- file: osv/PYSEC-2099-2.json
{"id": "PYSEC-2099-2", "summary": "Other flaw",
 "affected": [{"package": {"ecosystem": "PyPI", "name": "other"},
   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "2.0"}, {"fixed": "2.1"}]}],
   "versions": ["2.0"]}]}
"#;

fn pinned(package: &str, id: &str) -> (String, String, String) {
    (package.into(), id.into(), "pinned".into())
}

#[test]
fn a_vulnerable_pin_exits_1_with_its_advisories_and_smallest_fix() {
    let project = Project::new();
    project.write("requirements.txt", "jinja2==2.10\nrequests==2.32.3\n");
    let (run, json) = audit_json(&project, &[]);
    run.assert_code(1);
    assert_eq!(
        audit_vulnerabilities(&json),
        JINJA2_2_10.map(|id| pinned("jinja2", id)).to_vec()
    );
    let first = &json["vulnerabilities"][0];
    assert_eq!(first["file"], "requirements.txt");
    assert_eq!(first["line"], 1);
    assert_eq!(first["version"], "2.10");
    assert_eq!(first["fixed_versions"], serde_json::json!(["2.10.1"]));
    assert_eq!(first["smallest_fix"], "2.11.3");
    assert!(
        first["aliases"]
            .as_array()
            .unwrap()
            .contains(&"CVE-2019-10906".into())
    );
    assert_eq!(json["summary"]["vulnerabilities"], 2);
    assert_eq!(json["summary"]["packages"], 1);
    assert_eq!(json["summary"]["dependencies"], 2);
    assert_eq!(
        json["summary"]["smallest_upgrades"],
        serde_json::json!([{"package": "jinja2", "version": "2.10", "fix": "2.11.3"}])
    );

    let run = project.moat(&["audit", "--db", OSV_SNAPSHOT]);
    run.assert_code(1);
    for id in JINJA2_2_10 {
        assert!(run.stdout.contains(id), "{}", run.stdout);
    }
    assert!(run.stdout.contains("requirements.txt:1"), "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "2 vulnerabilities in 1 package (1 dependency file); smallest upgrades: jinja2 2.10 → 2.11.3."
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("30 problems in the advisory data (30 invalid-version)"),
        "{}",
        run.stderr
    );
}

#[test]
fn only_safe_pins_exit_0() {
    let project = Project::new();
    project.write("requirements.txt", "Jinja2==2.11.3\nrequests==2.32.3\n");
    let (run, json) = audit_json(&project, &[]);
    run.assert_code(0);
    assert!(audit_vulnerabilities(&json).is_empty());
    let run = project.moat(&["audit", "--db", OSV_SNAPSHOT]);
    run.assert_code(0);
    assert!(
        run.stdout
            .contains("No known vulnerabilities in 2 dependencies (1 dependency file)."),
        "{}",
        run.stdout
    );
}

#[test]
fn a_range_reports_the_vulnerable_versions_it_admits() {
    let project = Project::new();
    project.write("requirements.txt", "jinja2>=2.10,<2.11\n");
    let (run, json) = audit_json(&project, &[]);
    // A range is reported, but only a pinned vulnerable version fails the run.
    run.assert_code(0);
    let findings = json["vulnerabilities"].as_array().unwrap();
    assert!(!findings.is_empty());
    for finding in findings {
        assert_eq!(finding["kind"], "range");
        assert_eq!(finding["version"], Value::Null);
        assert_eq!(finding["smallest_fix"], Value::Null);
        let admitted = finding["admitted_versions"].as_array().unwrap();
        assert!(admitted.contains(&"2.10".into()), "{finding}");
        assert!(!admitted.contains(&"2.11.3".into()), "{finding}");
    }
    let ids: Vec<&str> = findings.iter().map(|f| f["id"].as_str().unwrap()).collect();
    for id in JINJA2_2_10 {
        assert!(ids.contains(&id), "{ids:?}");
    }
    assert_eq!(json["summary"]["ranges"], findings.len());

    let run = project.moat(&["audit", "--db", OSV_SNAPSHOT]);
    assert!(
        run.stdout.contains("Ranges that admit vulnerable versions"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("Vulnerable dependencies"),
        "{}",
        run.stdout
    );
}

#[test]
fn ignore_vuln_accepts_any_alias_and_counts_what_it_suppressed() {
    let project = Project::new();
    project.write("requirements.txt", "jinja2==2.10\n");
    let (run, json) = audit_json(&project, &["--ignore-vuln", "CVE-2019-10906"]);
    run.assert_code(1);
    assert_eq!(
        audit_vulnerabilities(&json),
        vec![pinned("jinja2", JINJA2_2_10[1])]
    );
    assert_eq!(json["summary"]["suppressed"], 1);

    let (run, json) = audit_json(
        &project,
        &[
            "--ignore-vuln",
            "pysec-2019-217",
            "--ignore-vuln",
            "GHSA-g3rq-g295-4j3m",
        ],
    );
    run.assert_code(0);
    assert!(audit_vulnerabilities(&json).is_empty());
    assert_eq!(json["summary"]["suppressed"], 2);
}

#[test]
fn editable_lines_are_listed_as_not_audited() {
    let project = Project::new();
    project.write(
        "requirements.txt",
        "requests==2.32.3\n-e git+https://github.com/a/b.git#egg=b\n",
    );
    let (run, json) = audit_json(&project, &[]);
    run.assert_code(0);
    let entries = json["unauditable"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["file"], "requirements.txt");
    assert_eq!(entries[0]["line"], 2);
    assert_eq!(entries[0]["package"], "b");
    assert_eq!(entries[0]["reason"], "editable install");
    assert_eq!(json["summary"]["unauditable"], 1);

    let run = project.moat(&["audit", "--db", OSV_SNAPSHOT]);
    assert!(run.stdout.contains("Not audited (1):"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("requirements.txt:2  -e git+https://github.com/a/b.git#egg=b"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_malformed_line_is_an_error_and_exits_1() {
    let project = Project::new();
    project.write("requirements.txt", "requests==2.32.3\nfoo bar ===\n");
    let (run, json) = audit_json(&project, &[]);
    run.assert_code(1);
    assert!(audit_vulnerabilities(&json).is_empty());
    let errors = json["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["file"], "requirements.txt");
    assert_eq!(errors[0]["line"], 2);
    assert_eq!(json["summary"]["errors"], 1);

    let run = project.moat(&["audit", "--db", OSV_SNAPSHOT]);
    run.assert_code(1);
    assert!(run.stdout.contains("error["), "{}", run.stdout);
    assert!(run.stdout.contains("requirements.txt:2"), "{}", run.stdout);
}

#[test]
fn an_unusable_database_or_a_missing_path_exits_2() {
    let project = Project::new();
    project.write("requirements.txt", "jinja2==2.10\n");

    let run = project.moat(&["audit", "--db", "missing.zip"]);
    run.assert_code(2);
    assert!(run.stderr.contains("`missing.zip`"), "{}", run.stderr);

    project.write("corrupt.zip", b"PK\x03\x04 this is not a zip archive");
    let run = project.moat(&["audit", "--db", "corrupt.zip"]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("`corrupt.zip` is not a readable zip archive"),
        "{}",
        run.stderr
    );

    let truncated = std::fs::read(OSV_SNAPSHOT).unwrap();
    project.write("truncated.zip", &truncated[..truncated.len() / 2]);
    project
        .moat(&["audit", "--db", "truncated.zip"])
        .assert_code(2);

    let run = project.moat(&["audit", "no_such_dir", "--db", OSV_SNAPSHOT]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("`no_such_dir`: no such file or directory"),
        "{}",
        run.stderr
    );

    project.moat(&["audit"]).assert_code(2);
    std::fs::create_dir(project.path().join("empty")).unwrap();
    let run = project.moat(&["audit", "empty", "--db", OSV_SNAPSHOT]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("no dependency files found"),
        "{}",
        run.stderr
    );
}

#[test]
fn json_has_the_documented_keys() {
    let project = Project::new();
    project.write("requirements.txt", "jinja2==2.10\n-e ./local\n");
    let (_, json) = audit_json(&project, &[]);
    let keys = |value: &Value| -> Vec<String> {
        let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        keys
    };
    assert_eq!(
        keys(&json),
        [
            "errors",
            "ignored",
            "import_scan",
            "summary",
            "unauditable",
            "version",
            "vulnerabilities"
        ]
    );
    assert_eq!(
        keys(&json["vulnerabilities"][0]),
        [
            "admitted_versions",
            "aliases",
            "cwe",
            "expired_acceptance",
            "file",
            "fixed_versions",
            "id",
            "import_site",
            "kind",
            "line",
            "package",
            "reachable",
            "requirement",
            "severity",
            "smallest_fix",
            "summary",
            "version"
        ]
    );
    assert_eq!(
        keys(&json["unauditable"][0]),
        ["file", "line", "package", "reason", "text"]
    );
    assert_eq!(
        keys(&json["summary"]),
        [
            "advisory_problems",
            "dependencies",
            "dependency_files",
            "environments",
            "errors",
            "ignored",
            "packages",
            "pinned",
            "ranges",
            "smallest_upgrades",
            "suppressed",
            "unauditable",
            "vulnerabilities"
        ]
    );
    assert!(json["summary"]["advisory_problems"].as_u64().unwrap() > 0);
}

#[test]
fn a_folder_database_merges_aliases_and_files_are_detected_and_deduplicated() {
    let project = Project::with_files(OSV_DIR);
    project.write(
        "requirements.txt",
        "-r requirements-dev.txt\ndemo.pkg==1.1\nother>=1.0\n",
    );
    project.write("requirements-dev.txt", "Demo_Pkg==1.4\n");
    project.write(
        "pyproject.toml",
        "[project]\nname = \"x\"\nversion = \"0\"\ndependencies = [\"other==2.1\"]\n",
    );
    let run = project.moat(&["audit", "--db", "osv", "--format", "json"]);
    run.assert_code(1);
    let json = run.json();
    assert_eq!(
        audit_vulnerabilities(&json),
        vec![
            pinned("Demo_Pkg", "GHSA-demo-demo-demo"),
            pinned("demo.pkg", "GHSA-demo-demo-demo"),
            ("other".into(), "PYSEC-2099-2".into(), "range".into()),
        ]
    );
    let files: Vec<&str> = json["vulnerabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "requirements-dev.txt",
            "requirements.txt",
            "requirements.txt"
        ]
    );
    let demo = &json["vulnerabilities"][0];
    assert_eq!(demo["severity"][0]["type"], "CVSS_V3");
    assert_eq!(demo["smallest_fix"], "1.5");
    assert_eq!(
        json["vulnerabilities"][2]["admitted_versions"],
        serde_json::json!(["2.0"])
    );
    assert_eq!(json["summary"]["dependency_files"], 3);
    assert_eq!(json["summary"]["packages"], 2);

    // Naming one file audits only it (and its includes).
    let (run, json) = {
        let run = project.moat(&[
            "audit",
            "requirements-dev.txt",
            "--db",
            "osv",
            "--format",
            "json",
        ]);
        let json = run.json();
        (run, json)
    };
    run.assert_code(1);
    assert_eq!(
        audit_vulnerabilities(&json),
        vec![pinned("Demo_Pkg", "GHSA-demo-demo-demo")]
    );

    project
        .moat(&["audit", "pyproject.toml", "--db", "osv"])
        .assert_code(0);
}

#[test]
fn output_writes_the_report_to_a_file() {
    let project = Project::new();
    project.write("requirements.txt", "jinja2==2.10\n");
    let run = project.moat(&[
        "audit",
        "--db",
        OSV_SNAPSHOT,
        "--format",
        "json",
        "--output",
        "report.json",
    ]);
    run.assert_code(1);
    assert!(run.stdout.is_empty());
    let text = std::fs::read_to_string(project.path().join("report.json")).unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["summary"]["vulnerabilities"], 2);
}
