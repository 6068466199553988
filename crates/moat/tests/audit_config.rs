//! Accepted vulnerabilities in configuration (`[[tool.moat.audit.ignore]]`, `[audit]` in
//! `moat.toml`): matching by any alias, reasons in JSON, expiry with a fixed "today",
//! `--config` / `--no-config`, and configuration errors.

mod common;

use common::{OSV_SNAPSHOT, Project, Run};
use serde_json::{Value, json};

/// jinja2 2.10's vulnerabilities: GHSA-462w-v97r-4m45 (CVE-2019-10906) and
/// GHSA-g3rq-g295-4j3m (PYSEC-2021-66).
const PYPROJECT: &str = r#"[project]
name = "app"
version = "1.0"
dependencies = ["jinja2==2.10"]

[[tool.moat.audit.ignore]]
id = "cve-2019-10906"
reason = "templates are never user supplied"

[[tool.moat.audit.ignore]]
id = "PYSEC-2021-66"
reason = "urlize is not used"
expires = "2026-06-30"
"#;

fn audit(project: &Project, args: &[&str], today: &str) -> Run {
    let mut all = vec!["audit", "--db", OSV_SNAPSHOT];
    all.extend_from_slice(args);
    project.moat_with_env(&all, &[("MOAT_TODAY", today)])
}

fn ids(json: &Value, key: &str) -> Vec<String> {
    json[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn accepted_vulnerabilities_are_counted_with_their_reasons_until_they_expire() {
    let project = Project::new();
    project.write("pyproject.toml", PYPROJECT);

    // The last day of the acceptance: both are accepted, nothing fails.
    let run = audit(&project, &["--format", "json"], "2026-06-30");
    run.assert_code(0);
    let json = run.json();
    assert!(ids(&json, "vulnerabilities").is_empty());
    assert_eq!(
        ids(&json, "ignored"),
        ["GHSA-462w-v97r-4m45", "GHSA-g3rq-g295-4j3m"]
    );
    let first = &json["ignored"][0];
    assert_eq!(first["reason"], "templates are never user supplied");
    assert_eq!(first["expires"], Value::Null);
    assert_eq!(first["config"], "pyproject.toml:7");
    assert_eq!(first["package"], "jinja2");
    assert_eq!(json["ignored"][1]["expires"], "2026-06-30");
    assert_eq!(json["summary"]["ignored"], 2);
    assert_eq!(json["summary"]["vulnerabilities"], 0);

    let run = audit(&project, &[], "2026-06-30");
    run.assert_code(0);
    assert!(
        run.stdout.contains(
            "No known vulnerabilities in 1 dependency (1 dependency file) (2 accepted in configuration)."
        ),
        "{}",
        run.stdout
    );

    // From the day after, the expired one is reported again, with a note.
    let run = audit(&project, &["--format", "json"], "2026-07-01");
    run.assert_code(1);
    let json = run.json();
    assert_eq!(ids(&json, "vulnerabilities"), ["GHSA-g3rq-g295-4j3m"]);
    assert_eq!(
        json["vulnerabilities"][0]["expired_acceptance"],
        json!({"expires": "2026-06-30", "reason": "urlize is not used", "config": "pyproject.toml:11"})
    );
    assert_eq!(ids(&json, "ignored"), ["GHSA-462w-v97r-4m45"]);
    let run = audit(&project, &[], "2026-07-01");
    run.assert_code(1);
    assert!(
        run.stdout.contains(
            "note: GHSA-g3rq-g295-4j3m of jinja2 is reported again: its acceptance \
             (pyproject.toml:11: urlize is not used) expired on 2026-06-30"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("(1 accepted in configuration)."),
        "{}",
        run.stdout
    );

    // SARIF: accepted findings are suppressed results with the reason; expired ones say so.
    let run = audit(&project, &["--format", "sarif"], "2026-07-01");
    let sarif = run.json();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert!(results[0].get("suppressions").is_none());
    assert!(
        results[0]["message"]["text"]
            .as_str()
            .unwrap()
            .ends_with("Its acceptance in the configuration (pyproject.toml:11: urlize is not used) expired on 2026-06-30.")
    );
    assert_eq!(
        results[1]["suppressions"],
        json!([{"kind": "external", "status": "accepted",
                "justification": "templates are never user supplied (pyproject.toml:7)"}])
    );

    // `--no-config` reports everything; `--ignore-vuln` still works on top.
    let run = audit(&project, &["--format", "json", "--no-config"], "2026-06-30");
    run.assert_code(1);
    assert_eq!(run.json()["summary"]["vulnerabilities"], 2);
    let run = audit(
        &project,
        &["--format", "json", "--ignore-vuln", "GHSA-g3rq-g295-4j3m"],
        "2026-07-01",
    );
    run.assert_code(0);
    let json = run.json();
    assert_eq!(json["summary"]["suppressed"], 1);
    assert_eq!(json["summary"]["ignored"], 1);
}

#[test]
fn config_is_found_upward_or_named_and_moat_toml_uses_an_audit_table() {
    let project = Project::new();
    project.write(
        "moat.toml",
        "[[audit.ignore]]\nid = \"GHSA-462w-v97r-4m45\"\nreason = \"sandbox unused\"\n",
    );
    project.write("app/requirements.txt", "jinja2==2.10\n");
    let run = audit(&project, &["app", "--format", "json"], "2026-01-01");
    run.assert_code(1);
    let json = run.json();
    assert_eq!(ids(&json, "ignored"), ["GHSA-462w-v97r-4m45"]);
    assert_eq!(json["ignored"][0]["config"], "moat.toml:2");

    project.write(
        "other.toml",
        "[[audit.ignore]]\nid = \"GHSA-g3rq-g295-4j3m\"\nreason = \"r\"\n",
    );
    let run = audit(
        &project,
        &["app", "--format", "json", "--config", "other.toml"],
        "2026-01-01",
    );
    assert_eq!(ids(&run.json(), "ignored"), ["GHSA-g3rq-g295-4j3m"]);
}

#[test]
fn bad_configuration_exits_2_naming_the_file_line_and_key() {
    let project = Project::new();
    project.write("requirements.txt", "jinja2==2.10\n");
    for (text, expected) in [
        (
            "[[audit.ignore]]\nid = \"X\"\nreson = \"typo\"\n",
            "`moat.toml` line 3: unknown key `audit.ignore[0].reson` (did you mean `reason`?); allowed keys: id, reason, expires",
        ),
        (
            "[[audit.ignore]]\nid = \"X\"\n",
            "`moat.toml` line 1: invalid value for `audit.ignore[0]`: `reason` is required",
        ),
        (
            "[[audit.ignore]]\nid = \"X\"\nreason = \"r\"\nexpires = \"31/01/2027\"\n",
            "`moat.toml` line 4: invalid value for `audit.ignore[0].expires`: `31/01/2027` is not a valid date",
        ),
        (
            "[[audit.ignore]]\nid = [\"X\"]\nreason = \"r\"\n",
            "`moat.toml` line 2: invalid value for `audit.ignore[0].id`",
        ),
    ] {
        project.write("moat.toml", text);
        let run = audit(&project, &[], "2026-01-01");
        run.assert_code(2);
        assert!(
            run.stderr.contains(expected),
            "{}\nwanted: {expected}",
            run.stderr
        );
    }
}
