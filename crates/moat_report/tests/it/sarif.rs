//! The SARIF format, checked against the official SARIF 2.1.0 schema.

use crate::fixture::{self, ASSERT, SHELL};
use jsonschema::Validator;
use moat_diagnostics::{Location, Position, Problem, ProblemKind};
use moat_report::{Report, write_sarif};
use serde_json::{Value, json};
use std::sync::LazyLock;

const SCHEMA_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/schemas/sarif-schema-2.1.0.json"
);

/// Validators for the official schema: as the schema declares itself (draft 4), and read as
/// draft 7 so that `uri` and `uri-reference` formats are checked too; both check formats.
static VALIDATORS: LazyLock<[Validator; 2]> = LazyLock::new(|| {
    let text = std::fs::read_to_string(SCHEMA_PATH)
        .unwrap_or_else(|error| panic!("cannot read {SCHEMA_PATH}: {error}"));
    let schema: Value = serde_json::from_str(&text).unwrap();
    let declared = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles as declared");
    let draft7 = jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles as draft 7");
    [declared, draft7]
});

/// The schema violations of `document`, empty when it is valid.
pub(crate) fn violations(document: &Value) -> Vec<String> {
    VALIDATORS
        .iter()
        .flat_map(|validator| validator.iter_errors(document))
        .map(|error| format!("{}: {error}", error.instance_path))
        .collect()
}

fn render(report: &Report<'_>) -> String {
    let mut out = Vec::new();
    write_sarif(report, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn fixture_document() -> Value {
    let findings = fixture::findings();
    let problems = fixture::problems();
    serde_json::from_str(&render(&fixture::report(&findings, &problems))).unwrap()
}

#[test]
fn the_fixture_report_is_valid_sarif() {
    let document = fixture_document();
    let errors = violations(&document);
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
}

/// A change that makes a valid document invalid.
type Breakage = fn(&mut Value);

#[test]
fn the_validator_rejects_broken_documents() {
    let valid = fixture_document();
    let breakages: [(&str, Breakage); 6] = [
        ("missing version", |d| {
            d.as_object_mut().unwrap().remove("version");
        }),
        ("unknown level", |d| {
            d["runs"][0]["results"][0]["level"] = json!("fatal")
        }),
        ("line 0", |d| {
            d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
                json!(0);
        }),
        ("message without text", |d| {
            d["runs"][0]["results"][0]["message"] = json!({});
        }),
        ("bad column kind", |d| {
            d["runs"][0]["columnKind"] = json!("bytes")
        }),
        ("invalid uri", |d| {
            d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
                json!("app/my views.py");
        }),
    ];
    for (what, breakage) in breakages {
        let mut broken = valid.clone();
        breakage(&mut broken);
        assert!(
            !violations(&broken).is_empty(),
            "a document with {what} was accepted"
        );
    }
}

#[test]
fn snapshot_of_the_fixture_report() {
    let findings = fixture::findings();
    let problems = fixture::problems();
    insta::assert_snapshot!(render(&fixture::report(&findings, &problems)));
}

#[test]
fn run_tool_and_rules() {
    let document = fixture_document();
    assert_eq!(
        document["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    assert_eq!(document["version"], "2.1.0");
    let run = &document["runs"][0];
    assert_eq!(document["runs"].as_array().unwrap().len(), 1);
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "moat");
    assert_eq!(driver["version"], "0.1.0");
    assert!(driver.get("informationUri").is_none());
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "subprocess-shell-true",
            "sql-injection",
            "weak-hash",
            "assert-used"
        ]
    );
    assert_eq!(
        rules[0],
        json!({
            "id": "subprocess-shell-true",
            "name": "SubprocessShellTrue",
            "shortDescription": {"text": "Subprocess call with `shell=True`"},
            "fullDescription": {"text": "Checks for `subprocess` calls with `shell=True`."},
            "help": {"text": SHELL.docs, "markdown": SHELL.docs},
            "defaultConfiguration": {"level": "error"},
            "properties": {
                "tags": ["security", "injection", "external/cwe/cwe-78", "A05:2025-Injection"],
                "security-severity": "8.0",
                "precision": "high",
                "problem.severity": "error"
            }
        })
    );
    // A rule without docs falls back to its title, so the descriptions are never empty.
    assert_eq!(rules[3]["fullDescription"]["text"], ASSERT.title);
    assert_eq!(rules[3]["help"]["markdown"], ASSERT.title);
    assert_eq!(rules[3]["defaultConfiguration"]["level"], "note");
    assert_eq!(rules[3]["properties"]["problem.severity"], "recommendation");
}

#[test]
fn results() {
    let document = fixture_document();
    let run = &document["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert!(result["partialFingerprints"]["moatFingerprint/v1"].is_string());
    }
    let by_rule = |id: &str| results.iter().find(|r| r["ruleId"] == id).unwrap();

    let shell = by_rule("subprocess-shell-true");
    assert_eq!(shell["level"], "error");
    assert_eq!(
        shell["locations"][0]["physicalLocation"],
        json!({
            "artifactLocation": {"uri": "app/views.py", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 7, "startColumn": 5, "endLine": 7, "endColumn": 37}
        })
    );
    assert_eq!(
        shell["properties"],
        json!({"severity": "high", "confidence": "high", "cwe": [78]})
    );
    assert!(shell.get("codeFlows").is_none() && shell.get("fixes").is_none());

    let sql = by_rule("sql-injection");
    let steps = sql["codeFlows"][0]["threadFlows"][0]["locations"]
        .as_array()
        .unwrap();
    assert_eq!(steps.len(), 3);
    assert_eq!(
        steps[0]["location"]["message"]["text"],
        "user input read from `request.args`"
    );
    assert_eq!(
        sql["locations"][0]["physicalLocation"]["region"],
        json!({"startLine": 12, "startColumn": 5, "endLine": 14, "endColumn": 6})
    );

    let md5 = by_rule("weak-hash");
    assert_eq!(md5["level"], "warning");
    assert!(md5["message"]["text"].as_str().unwrap().contains("naïve"));
    assert_eq!(
        md5["fixes"][0],
        json!({
            "description": {"text": "Use `hashlib.sha256()`"},
            "artifactChanges": [{
                "artifactLocation": {"uri": "app/crypto.py", "uriBaseId": "%SRCROOT%"},
                "replacements": [{
                    "deletedRegion": {"startLine": 4, "startColumn": 20, "endLine": 4, "endColumn": 23},
                    "insertedContent": {"text": "sha256"}
                }]
            }]
        })
    );
    assert_eq!(by_rule("assert-used")["level"], "note");
}

#[test]
fn problems_are_error_notifications() {
    let document = fixture_document();
    let invocation = &document["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], true);
    assert_eq!(
        invocation["toolExecutionNotifications"],
        json!([
            {
                "level": "error",
                "message": {"text": "expected an indented block after function definition"},
                "descriptor": {"id": "syntax-error"},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": "app/broken.py", "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": 3, "startColumn": 1}
                }}]
            },
            {
                "level": "error",
                "message": {"text": "permission denied (os error 13)"},
                "descriptor": {"id": "io-error"},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": "vendor/blob.py", "uriBaseId": "%SRCROOT%"}
                }}]
            }
        ])
    );
}

#[test]
fn awkward_input_still_gives_valid_sarif() {
    let mut findings = fixture::findings();
    // Unknown position, odd paths, and a rule missing from `rules`.
    findings[0].location = Location::default();
    findings[1].file = "/abs/dir with space/ü.py".to_string();
    findings[2].file = "C:\\proj\\a:b.py".to_string();
    findings[3].location = Location {
        start: Position { line: 9, column: 4 },
        end: Position { line: 2, column: 1 },
        ..Location::default()
    };
    let problems = [Problem::new("./weird#name?.py", ProblemKind::Binary, "")];
    let report = Report {
        rules: &[&SHELL],
        ..fixture::report(&findings, &problems)
    };
    let document: Value = serde_json::from_str(&render(&report)).unwrap();
    let errors = violations(&document);
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
    let rules = document["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(rules.len(), 4, "rules named by findings are added");
    for result in document["runs"][0]["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
}

#[test]
fn empty_report_is_valid() {
    let document: Value = serde_json::from_str(&render(&fixture::report(&[], &[]))).unwrap();
    assert!(violations(&document).is_empty());
    assert_eq!(document["runs"][0]["results"], json!([]));
}
