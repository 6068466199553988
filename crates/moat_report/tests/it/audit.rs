//! `moat audit`'s report in every format, from a fixed report: a pinned finding with a
//! CVSS v3 vector and CWE ids, a range finding without either, an unauditable entry and an
//! error. SARIF is checked against the official SARIF 2.1.0 schema.

use crate::sarif::violations;
use moat_diagnostics::{Position, Problem, ProblemKind};
use moat_report::audit::{
    AdvisoryLink, AuditFinding, AuditReport, AuditSummary, ExpiredAcceptance, FindingKind,
    IgnoredFinding, ImportLocation, ImportScanSummary, Reachable, SeverityScore, UnauditableEntry,
    Upgrade, write_json, write_sarif, write_text,
};
use serde_json::{Value, json};

fn pinned() -> AuditFinding {
    AuditFinding {
        package: "Demo-Pkg".into(),
        version: Some("1.1".into()),
        requirement: "==1.1".into(),
        file: "requirements/base.txt".into(),
        line: Some(3),
        id: "GHSA-demo-demo-demo".into(),
        aliases: vec!["PYSEC-2099-1".into(), "CVE-2099-0001".into()],
        summary: Some("Cookie parsing runs attacker-controlled regexes".into()),
        severity: vec![SeverityScore {
            kind: "CVSS_V3".into(),
            score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H".into(),
        }],
        cwe: vec![1333, 400],
        fixed_versions: vec!["1.5".into()],
        smallest_fix: Some("1.5".into()),
        kind: FindingKind::Pinned,
        admitted_versions: vec!["1.1".into()],
        reachable: Reachable::Imported,
        import_site: Some(ImportLocation {
            file: "app/cookies.py".into(),
            line: 2,
        }),
        expired_acceptance: None,
        normalized_name: "demo-pkg".into(),
        details: Some("A crafted `Cookie` header takes exponential time to parse.".into()),
        references: vec![
            AdvisoryLink {
                kind: "ADVISORY".into(),
                url: "https://github.com/advisories/GHSA-demo-demo-demo".into(),
            },
            AdvisoryLink {
                kind: "FIX".into(),
                url: "https://example.org/demo/commit/abc".into(),
            },
        ],
    }
}

fn range() -> AuditFinding {
    AuditFinding {
        package: "other".into(),
        version: None,
        requirement: ">=1.0".into(),
        file: "pyproject.toml".into(),
        line: Some(7),
        id: "PYSEC-2099-2".into(),
        aliases: Vec::new(),
        summary: None,
        severity: vec![SeverityScore {
            kind: "CVSS_V4".into(),
            score: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N".into(),
        }],
        cwe: Vec::new(),
        fixed_versions: Vec::new(),
        smallest_fix: None,
        kind: FindingKind::Range,
        admitted_versions: vec!["2.0".into(), "2.0.1".into()],
        reachable: Reachable::NotImported,
        import_site: None,
        expired_acceptance: None,
        normalized_name: "other".into(),
        details: None,
        references: Vec::new(),
    }
}

fn report() -> AuditReport {
    let mut expired = range();
    expired.expired_acceptance = Some(ExpiredAcceptance {
        expires: "2026-01-31".into(),
        reason: "only in tests".into(),
        config: "pyproject.toml:20".into(),
    });
    let findings = vec![expired, pinned()];
    AuditReport {
        import_scan: Some(ImportScanSummary {
            python_files: 3,
            skipped: vec![Problem::new(
                "app/broken.py",
                ProblemKind::SyntaxError,
                "expected an indented block",
            )],
        }),
        summary: AuditSummary {
            vulnerabilities: 2,
            pinned: 1,
            ranges: 1,
            packages: 2,
            dependency_files: 2,
            environments: 0,
            dependencies: 5,
            unauditable: 1,
            errors: 1,
            suppressed: 0,
            ignored: 1,
            advisory_problems: 0,
            smallest_upgrades: vec![Upgrade {
                package: "demo-pkg".into(),
                version: "1.1".into(),
                fix: Some("1.5".into()),
            }],
        },
        findings,
        ignored: vec![IgnoredFinding {
            finding: AuditFinding {
                id: "GHSA-acce-pted-0000".into(),
                aliases: Vec::new(),
                ..pinned()
            },
            reason: "the parser is never given untrusted cookies".into(),
            expires: Some("2027-01-31".into()),
            config: "pyproject.toml:12".into(),
        }],
        unauditable: vec![UnauditableEntry {
            file: "requirements/base.txt".into(),
            line: Some(4),
            package: Some("local".into()),
            text: "-e ./local".into(),
            reason: "editable install".into(),
        }],
        problems: vec![
            Problem::new(
                "requirements/base.txt",
                ProblemKind::SyntaxError,
                "invalid requirement `foo bar ===`",
            )
            .at(Position { line: 5, column: 1 }),
        ],
    }
}

fn sarif(report: &AuditReport) -> Value {
    let mut out = Vec::new();
    write_sarif(report, "0.1.0", &mut out).unwrap();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn sarif_is_valid_against_the_schema() {
    let document = sarif(&report());
    let errors = violations(&document);
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
    let empty = sarif(&AuditReport::default());
    assert!(violations(&empty).is_empty());
    assert_eq!(empty["runs"][0]["results"], json!([]));
}

#[test]
fn sarif_rules_describe_each_vulnerability() {
    let document = sarif(&report());
    let rules = document["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["PYSEC-2099-2", "GHSA-demo-demo-demo", "GHSA-acce-pted-0000"]
    );
    let demo = &rules[1];
    assert_eq!(
        demo["shortDescription"]["text"],
        "Cookie parsing runs attacker-controlled regexes"
    );
    assert_eq!(
        demo["properties"]["tags"],
        json!(["security", "external/cwe/cwe-1333", "external/cwe/cwe-400"])
    );
    // CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H scores 7.5.
    assert_eq!(demo["properties"]["security-severity"], "7.5");
    assert_eq!(
        demo["helpUri"],
        "https://osv.dev/vulnerability/GHSA-demo-demo-demo"
    );
    let help = demo["help"]["markdown"].as_str().unwrap();
    for expected in [
        "- Affected package: `demo-pkg`",
        "- Fixed in: `1.5`",
        "- Smallest upgrade from `1.1` fixing every known vulnerability: `1.5`",
        "- Aliases: PYSEC-2099-1, CVE-2099-0001",
        "- [advisory](https://github.com/advisories/GHSA-demo-demo-demo)",
        "exponential time",
    ] {
        assert!(help.contains(expected), "{expected:?} not in {help}");
    }
    // A CVSS v4 vector is not scored, and no summary falls back to the id.
    let other = &rules[0];
    assert!(other["properties"].get("security-severity").is_none());
    assert_eq!(other["properties"]["tags"], json!(["security"]));
    assert_eq!(
        other["shortDescription"]["text"],
        "Known vulnerability PYSEC-2099-2"
    );
    assert!(
        other["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("- Fixed in: none known")
    );
}

#[test]
fn sarif_results_point_at_the_requirement_line() {
    let document = sarif(&report());
    let results = document["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 3, "two reported, one accepted");
    assert_eq!(
        results[2]["suppressions"],
        json!([{"kind": "external", "status": "accepted",
                "justification": "the parser is never given untrusted cookies (pyproject.toml:12)"}])
    );
    assert!(results[0]["message"]["text"].as_str().unwrap().ends_with(
        "Its acceptance in the configuration (pyproject.toml:20: only in tests) expired on 2026-01-31."
    ));
    let demo = &results[1];
    assert_eq!(demo["ruleId"], "GHSA-demo-demo-demo");
    assert_eq!(demo["ruleIndex"], 1);
    assert_eq!(demo["level"], "error");
    assert_eq!(
        demo["locations"][0]["physicalLocation"],
        json!({
            "artifactLocation": {"uri": "requirements/base.txt", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 3, "startColumn": 1}
        })
    );
    assert_eq!(
        demo["message"]["text"],
        "Demo-Pkg 1.1 is affected by GHSA-demo-demo-demo (Cookie parsing runs \
         attacker-controlled regexes): fixed in 1.5; upgrade to 1.5 to fix every known \
         vulnerability of 1.1."
    );
    assert_eq!(demo["properties"]["kind"], "pinned");
    assert_eq!(demo["properties"]["reachable"], "imported");
    assert_eq!(demo["properties"]["importSite"], "app/cookies.py:2");
    assert_eq!(results[0]["properties"]["reachable"], "not-imported");
    let range = &results[0];
    assert_eq!(range["level"], "warning");
    assert!(
        range["message"]["text"]
            .as_str()
            .unwrap()
            .starts_with("The range `>=1.0` of other admits versions affected by PYSEC-2099-2")
    );

    // Fingerprints depend on file, package and vulnerability, not on the line.
    let fingerprint = |document: &Value, index: usize| {
        document["runs"][0]["results"][index]["partialFingerprints"]["moatFingerprint/v1"].clone()
    };
    let mut moved = report();
    moved.findings[1].line = Some(30);
    let moved = sarif(&moved);
    assert_eq!(fingerprint(&document, 1), fingerprint(&moved, 1));
    assert_ne!(fingerprint(&document, 0), fingerprint(&document, 1));
    assert_eq!(fingerprint(&document, 1), json!("54a892a36f4c642e"));

    let notifications = &document["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(notifications[0]["descriptor"]["id"], "syntax-error");
}

#[test]
fn snapshot_of_the_audit_report() {
    let report = report();
    let mut sarif = Vec::new();
    write_sarif(&report, "0.1.0", &mut sarif).unwrap();
    insta::assert_snapshot!("audit_sarif", String::from_utf8(sarif).unwrap());
    let mut json = Vec::new();
    write_json(&report, "0.1.0", &mut json).unwrap();
    insta::assert_snapshot!("audit_json", String::from_utf8(json).unwrap());
    let mut text = Vec::new();
    write_text(&report, 100, &mut text).unwrap();
    insta::assert_snapshot!("audit_text", String::from_utf8(text).unwrap());
}
