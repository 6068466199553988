//! The JSON format.

use crate::fixture;
use moat_report::json::JsonReport;
use moat_report::write_json;
use serde_json::Value;

fn render(
    findings: &[moat_diagnostics::Finding],
    problems: &[moat_diagnostics::Problem],
) -> String {
    let mut out = Vec::new();
    write_json(&fixture::report(findings, problems), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn snapshot_of_the_fixture_report() {
    let output = render(&fixture::findings(), &fixture::problems());
    insta::assert_snapshot!(output);
}

#[test]
fn pretty_printed_with_a_trailing_newline_and_deterministic() {
    let findings = fixture::findings();
    let problems = fixture::problems();
    let first = render(&findings, &problems);
    assert!(first.starts_with("{\n  \"version\": \"0.1.0\",\n"));
    assert!(first.ends_with("}\n") && !first.ends_with("\n\n"));
    assert_eq!(first, render(&findings, &problems));
}

#[test]
fn exactly_the_documented_keys() {
    let value: Value =
        serde_json::from_str(&render(&fixture::findings(), &fixture::problems())).unwrap();
    let keys = |value: &Value| -> Vec<String> {
        let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        keys
    };
    assert_eq!(keys(&value), ["errors", "findings", "summary", "version"]);
    let findings = value["findings"].as_array().unwrap();
    assert_eq!(
        keys(&findings[0]),
        [
            "column",
            "confidence",
            "cwe",
            "end_column",
            "end_line",
            "file",
            "fingerprint",
            "fix",
            "line",
            "message",
            "owasp",
            "rule",
            "severity",
            "title",
            "trace"
        ]
    );
    let sql = findings
        .iter()
        .find(|f| f["rule"] == "sql-injection")
        .unwrap();
    assert_eq!(
        keys(&sql["trace"][0]),
        [
            "column",
            "end_column",
            "end_line",
            "file",
            "line",
            "message"
        ]
    );
    assert!(sql["fix"].is_null());
    let md5 = findings.iter().find(|f| f["rule"] == "weak-hash").unwrap();
    assert_eq!(keys(&md5["fix"]), ["applicability", "description", "edits"]);
    assert_eq!(
        keys(&md5["fix"]["edits"][0]),
        ["column", "content", "end_column", "end_line", "line"]
    );
    assert_eq!(md5["cwe"], serde_json::json!([328, 327]));
    assert_eq!(md5["owasp"], "A04:2025-Cryptographic Failures");
    assert_eq!(md5["fix"]["applicability"], "unsafe");

    let errors = value["errors"].as_array().unwrap();
    assert_eq!(
        keys(&errors[0]),
        ["column", "file", "kind", "line", "message"]
    );
    assert_eq!(keys(&errors[1]), ["file", "kind", "message"]);
    assert_eq!(errors[0]["kind"], "syntax-error");

    assert_eq!(
        value["summary"],
        serde_json::json!({
            "files_analysed": 4,
            "files_with_errors": 2,
            "findings": 4,
            "suppressed": 1,
            "baselined": 3,
            "by_severity": {"low": 1, "medium": 1, "high": 1, "critical": 1}
        })
    );
}

#[test]
fn output_reads_back_into_the_contract_types() {
    let findings = fixture::findings();
    let problems = fixture::problems();
    let parsed: JsonReport = serde_json::from_str(&render(&findings, &problems)).unwrap();
    assert_eq!(
        parsed,
        JsonReport::new(&fixture::report(&findings, &problems))
    );
    assert_eq!(parsed.findings.len(), 4);
    assert_eq!(parsed.errors[1].line, None);
}

#[test]
fn empty_report() {
    let value: Value = serde_json::from_str(&render(&[], &[])).unwrap();
    assert_eq!(value["findings"], serde_json::json!([]));
    assert_eq!(value["errors"], serde_json::json!([]));
    assert_eq!(value["summary"]["findings"], 0);
}
