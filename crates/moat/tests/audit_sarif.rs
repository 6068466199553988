//! `moat audit --format sarif` end to end on the OSV snapshot: rules per vulnerability,
//! results at the requirement's line, levels by pinned or range, stable fingerprints.

mod common;

use common::{OSV_SNAPSHOT, Project};
use serde_json::{Value, json};

fn sarif(project: &Project, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["audit", "--db", OSV_SNAPSHOT, "--format", "sarif"];
    all.extend_from_slice(args);
    let run = project.moat(&all);
    (run.code, run.json())
}

#[test]
fn results_are_located_at_the_requirement_line() {
    let project = Project::new();
    project.write(
        "requirements.txt",
        "# pinned\nrequests==2.32.3\njinja2==2.10\nflask>=2.0,<2.3\n",
    );
    let (code, document) = sarif(&project, &[]);
    assert_eq!(code, 1);
    let run = &document["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "moat");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    let summary: Vec<(String, String, u64)> = results
        .iter()
        .map(|result| {
            let index = result["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], result["ruleId"]);
            let location = &result["locations"][0]["physicalLocation"];
            assert_eq!(
                location["artifactLocation"],
                json!({"uri": "requirements.txt", "uriBaseId": "%SRCROOT%"})
            );
            (
                result["ruleId"].as_str().unwrap().to_owned(),
                result["level"].as_str().unwrap().to_owned(),
                location["region"]["startLine"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(summary.contains(&("GHSA-462w-v97r-4m45".into(), "error".into(), 3)));
    assert!(summary.contains(&("GHSA-g3rq-g295-4j3m".into(), "error".into(), 3)));
    assert!(summary.contains(&("GHSA-m2qf-hxjv-5gpq".into(), "warning".into(), 4)));
    let jinja = rules
        .iter()
        .find(|rule| rule["id"] == "GHSA-462w-v97r-4m45")
        .unwrap();
    assert!(
        jinja["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("CVE-2019-10906")
    );

    // The same input gives the same log; fingerprints ignore line moves.
    let (_, again) = sarif(&project, &[]);
    assert_eq!(document, again);
    project.write(
        "requirements.txt",
        "jinja2==2.10\n\n\nflask>=2.0,<2.3\nrequests==2.32.3\n",
    );
    let (_, moved) = sarif(&project, &[]);
    let fingerprints = |document: &Value| -> Vec<Value> {
        document["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["partialFingerprints"].clone())
            .collect()
    };
    assert_eq!(fingerprints(&document), fingerprints(&moved));
}

#[test]
fn cvss_v3_vectors_become_security_severity() {
    let project = Project::with_files(
        r#"# --- file: osv/GHSA-aaaa-bbbb-cccc.json
{"id": "GHSA-aaaa-bbbb-cccc", "summary": "Header injection",
 "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"}],
 "database_specific": {"cwe_ids": ["CWE-113", "CWE-74"]},
 "affected": [{"package": {"ecosystem": "PyPI", "name": "demo"},
   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.0"}]}]}]}
"#,
    );
    project.write("requirements.txt", "demo==1.0\n");
    let run = project.moat(&["audit", "--db", "osv", "--format", "sarif"]);
    run.assert_code(1);
    let document = run.json();
    let rule = &document["runs"][0]["tool"]["driver"]["rules"][0];
    assert_eq!(rule["properties"]["security-severity"], "6.1");
    assert_eq!(
        rule["properties"]["tags"],
        json!(["security", "external/cwe/cwe-113", "external/cwe/cwe-74"])
    );
    let run = project.moat(&["audit", "--db", "osv", "--format", "json"]);
    assert_eq!(run.json()["vulnerabilities"][0]["cwe"], json!([113, 74]));
}
