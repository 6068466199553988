//! Baseline files.

use crate::fixture::{self, MD5, SHELL};
use moat_diagnostics::{Finding, Location};
use moat_report::baseline::{Baseline, BaselineError};

fn finding(rule: &'static moat_diagnostics::RuleMeta, file: &str, fingerprint: &str) -> Finding {
    Finding {
        rule,
        message: format!("{} in {file}", rule.id),
        file: file.to_string(),
        location: Location::default(),
        severity: rule.severity,
        confidence: rule.confidence,
        trace: Vec::new(),
        fix: None,
        fingerprint: fingerprint.to_string(),
    }
}

fn messages(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.message.as_str()).collect()
}

const TODAY: &str = "2026-06-15";

#[test]
fn snapshot_of_a_written_baseline() {
    insta::assert_snapshot!(Baseline::from_findings(&fixture::findings()).to_toml_string());
}

#[test]
fn findings_in_the_baseline_are_absorbed_and_new_ones_kept_in_order() {
    let old = [finding(&SHELL, "a.py", "f1"), finding(&MD5, "b.py", "f2")];
    let baseline = Baseline::from_findings(&old);
    let now = vec![
        finding(&MD5, "b.py", "f2"),
        finding(&SHELL, "c.py", "f3"),
        finding(&SHELL, "a.py", "f1"),
        finding(&SHELL, "a.py", "other"),
        finding(&MD5, "a.py", "f1"),
    ];
    let (new, matched) = baseline.filter(now, TODAY);
    assert_eq!(matched, 2);
    assert_eq!(
        messages(&new),
        [
            "subprocess-shell-true in c.py",
            "subprocess-shell-true in a.py",
            "weak-hash in a.py"
        ]
    );
    assert_eq!(new[1].fingerprint, "other");
}

#[test]
fn matching_is_a_multiset() {
    let twice = [finding(&SHELL, "a.py", "f"), finding(&SHELL, "a.py", "f")];
    let baseline = Baseline::from_findings(&twice);
    assert_eq!(baseline.entries().len(), 2);
    let three = vec![
        finding(&SHELL, "a.py", "f"),
        finding(&SHELL, "a.py", "f"),
        finding(&SHELL, "a.py", "f"),
    ];
    let (new, matched) = baseline.filter(three, TODAY);
    assert_eq!((new.len(), matched), (1, 2));
    let (new, matched) = baseline.filter(vec![finding(&SHELL, "a.py", "f")], TODAY);
    assert_eq!((new.len(), matched), (0, 1));
}

#[test]
fn expired_entries_absorb_nothing() {
    let baseline = Baseline::parse(
        r#"
version = 1

[[finding]]
rule = "subprocess-shell-true"
file = "a.py"
fingerprint = "f"
expires = "2026-06-14"

[[finding]]
rule = "subprocess-shell-true"
file = "b.py"
fingerprint = "f"
expires = "2026-06-15"

[[finding]]
rule = "subprocess-shell-true"
file = "c.py"
fingerprint = "f"
expires = 2026-06-16
"#,
    )
    .unwrap();
    let findings = || {
        vec![
            finding(&SHELL, "a.py", "f"),
            finding(&SHELL, "b.py", "f"),
            finding(&SHELL, "c.py", "f"),
        ]
    };
    let (new, matched) = baseline.filter(findings(), TODAY);
    assert_eq!(matched, 2);
    assert_eq!(messages(&new), ["subprocess-shell-true in a.py"]);
    assert!(baseline.entries()[0].is_expired(TODAY));
    assert!(
        !baseline.entries()[1].is_expired(TODAY),
        "expires on the day after"
    );

    let (new, matched) = baseline.filter(findings(), "2026-06-17");
    assert_eq!((new.len(), matched), (3, 0));
}

#[test]
fn an_expired_duplicate_does_not_hide_behind_a_live_one() {
    let baseline = Baseline::parse(
        r#"
version = 1
[[finding]]
rule = "weak-hash"
file = "a.py"
fingerprint = "f"
expires = "2020-01-01"
[[finding]]
rule = "weak-hash"
file = "a.py"
fingerprint = "f"
"#,
    )
    .unwrap();
    let (new, matched) = baseline.filter(
        vec![finding(&MD5, "a.py", "f"), finding(&MD5, "a.py", "f")],
        TODAY,
    );
    assert_eq!((new.len(), matched), (1, 1));
}

#[test]
fn output_is_stable_whatever_the_order_of_findings() {
    let mut findings = fixture::findings();
    findings.push(finding(&SHELL, "app/views.py", "dup"));
    findings.push(finding(&SHELL, "app/views.py", "dup"));
    let forward = Baseline::from_findings(&findings).to_toml_string();
    findings.reverse();
    findings.swap(0, 3);
    let shuffled = Baseline::from_findings(&findings).to_toml_string();
    assert_eq!(forward, shuffled);
    assert!(!forward.contains("\nexpires"), "no dates:\n{forward}");
}

#[test]
fn round_trip() {
    let text = r#"version = 1

[[finding]]
rule = "weak-hash"
file = "z.py"
fingerprint = "ff"
reason = "legacy checksum, \"not\" security relevant\nsee #12"
expires = "2027-01-31"

[[finding]]
rule = "subprocess-shell-true"
file = "dir/ä b.py"
fingerprint = "00"
"#;
    let baseline = Baseline::parse(text).unwrap();
    let written = baseline.to_toml_string();
    assert_eq!(Baseline::parse(&written).unwrap(), baseline);
    assert_eq!(Baseline::parse(&written).unwrap().to_toml_string(), written);
    let entries = baseline.entries();
    assert_eq!(entries[0].file, "dir/ä b.py", "sorted by file");
    assert_eq!(
        entries[1].reason.as_deref(),
        Some("legacy checksum, \"not\" security relevant\nsee #12")
    );
    assert_eq!(entries[1].expires.as_deref(), Some("2027-01-31"));
}

#[test]
fn empty_baseline() {
    let baseline = Baseline::parse("version = 1\n").unwrap();
    assert!(baseline.entries().is_empty());
    assert_eq!(Baseline::from_findings(&[]), baseline);
    assert_eq!(
        Baseline::parse(&baseline.to_toml_string()).unwrap(),
        baseline
    );
    let (new, matched) = baseline.filter(fixture::findings(), TODAY);
    assert_eq!((new.len(), matched), (4, 0));
}

#[test]
fn update_keeps_reasons_and_expiry_of_entries_that_still_match() {
    let previous = Baseline::parse(
        r#"
version = 1
[[finding]]
rule = "subprocess-shell-true"
file = "a.py"
fingerprint = "f"
reason = "input is a constant"
expires = "2027-01-31"
[[finding]]
rule = "subprocess-shell-true"
file = "gone.py"
fingerprint = "g"
reason = "fixed since"
"#,
    )
    .unwrap();
    let findings = [
        finding(&SHELL, "a.py", "f"),
        finding(&SHELL, "a.py", "f"),
        finding(&MD5, "new.py", "n"),
    ];
    let updated = Baseline::updated(Some(&previous), &findings);
    let entries = updated.entries();
    assert_eq!(entries.len(), 3);
    let kept: Vec<_> = entries
        .iter()
        .map(|e| (e.file.as_str(), e.reason.as_deref(), e.expires.as_deref()))
        .collect();
    assert_eq!(
        kept,
        [
            ("a.py", None, None),
            ("a.py", Some("input is a constant"), Some("2027-01-31")),
            ("new.py", None, None),
        ]
    );
    assert_eq!(
        Baseline::updated(None, &findings),
        Baseline::from_findings(&findings)
    );
}

fn error(text: &str) -> String {
    Baseline::parse(text).unwrap_err().to_string()
}

#[test]
fn errors_name_the_entry_and_the_key() {
    let entry = |body: &str| {
        format!(
            "version = 1\n[[finding]]\nrule = \"r\"\nfile = \"f\"\nfingerprint = \"x\"\n[[finding]]\n{body}\n"
        )
    };
    assert_eq!(
        error(&entry("rule = \"r\"\nfile = \"f\"")),
        "baseline `[[finding]]` entry 2, key `fingerprint`: missing; every entry needs `rule`, `file` and `fingerprint`"
    );
    assert_eq!(
        error(&entry(
            "rule = \"r\"\nfile = \"f\"\nfingerprint = \"x\"\nexpires = \"2027-02-30\""
        )),
        "baseline `[[finding]]` entry 2, key `expires`: expected a date written `YYYY-MM-DD`, found `\"2027-02-30\"`"
    );
    assert_eq!(
        error(&entry(
            "rule = \"r\"\nfile = \"f\"\nfingerprint = \"x\"\nexpires = 2027-01-01T10:00:00"
        )),
        "baseline `[[finding]]` entry 2, key `expires`: expected a date written `YYYY-MM-DD`, found `2027-01-01T10:00:00`"
    );
    assert_eq!(
        error(&entry("rule = 3\nfile = \"f\"\nfingerprint = \"x\"")),
        "baseline `[[finding]]` entry 2, key `rule`: expected a string, found integer"
    );
    assert_eq!(
        error(&entry("rule = \"\"\nfile = \"f\"\nfingerprint = \"x\"")),
        "baseline `[[finding]]` entry 2, key `rule`: must not be empty"
    );
    assert_eq!(
        error(&entry(
            "rule = \"r\"\nfile = \"f\"\nfingerprint = \"x\"\nreason = 1"
        )),
        "baseline `[[finding]]` entry 2, key `reason`: expected a string, found integer"
    );
    assert_eq!(
        error(&entry(
            "rule = \"r\"\nfile = \"f\"\nfingerprint = \"x\"\nline = 3"
        )),
        "baseline `[[finding]]` entry 2, key `line`: unknown key; expected `rule`, `file`, `fingerprint`, `reason`, `expires`"
    );
}

#[test]
fn errors_for_the_file_as_a_whole() {
    assert!(
        error("version = 1\n[[finding]\n").starts_with("the baseline is not valid TOML: "),
        "{}",
        error("version = 1\n[[finding]\n")
    );
    assert_eq!(
        error("[[finding]]\nrule = \"r\"\n"),
        "the baseline has no `version` key; expected `version = 1` (regenerate the baseline if it was written by another Moat release)"
    );
    assert!(
        error("version = 2\n")
            .starts_with("the baseline has `version = 2`; expected `version = 1`")
    );
    assert!(error("version = \"1\"\n").starts_with("the baseline has `version = \"1\"`;"));
    assert_eq!(
        error("version = 1\nfindings = []\n"),
        "the baseline's top-level key `findings` is not known; a baseline has `version` and `[[finding]]` entries"
    );
    assert_eq!(
        error("version = 1\nfinding = 3\n"),
        "the baseline's top-level key `finding` must be an array of tables, written as `[[finding]]` entries"
    );
    assert_eq!(
        error("version = 1\nfinding = [1]\n"),
        "baseline `[[finding]]` entry 1, key `finding`: expected a table"
    );
    assert!(matches!(
        Baseline::parse("version = 1\n[[finding]]\n"),
        Err(BaselineError::Entry { index: 1, ref key, .. }) if key == "rule"
    ));
}
