//! Matching, merging and error handling on small hand-written OSV records.

use moat_advisory::{Database, ProblemKind, Version, VersionSpecifiers};
use std::str::FromStr;

fn v(text: &str) -> Version {
    Version::from_str(text).expect("valid version")
}

fn ids(found: &[&moat_advisory::Vulnerability]) -> Vec<String> {
    found.iter().map(|v| v.id.to_string()).collect()
}

fn db(files: &[(&str, &str)]) -> (Database, Vec<moat_advisory::Problem>) {
    Database::from_json_files(files.iter().map(|(n, j)| (*n, j.as_bytes())))
}

const OUT_OF_ORDER: &str = r#"{
  "id": "PYSEC-2023-1", "modified": "2023-10-01T00:00:00Z", "aliases": ["CVE-2023-1"],
  "schema_version": "1.7.0", "a_future_field": {"nested": [1, 2]},
  "affected": [
    {"package": {"ecosystem": "PyPI", "name": "Url_Lib.Three", "purl": "pkg:pypi/url-lib-three"},
     "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "2.0.0"}, {"fixed": "2.0.6"},
                                                 {"introduced": "0"}, {"fixed": "1.26.17"}]},
                {"type": "GIT", "repo": "https://example.invalid/r", "events": [{"introduced": "abc"}]}],
     "database_specific": {"x": 1}, "ecosystem_specific": {"y": 2}},
    {"package": {"ecosystem": "npm", "name": "url-lib-three"},
     "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}]},
    {"package": {"ecosystem": "PyPI", "name": "other-pkg"},
     "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "1.0"}, {"fixed": "1.2"}]},
                {"type": "ECOSYSTEM", "events": [{"fixed": "3.1"}, {"introduced": "3.0"}]}]}
  ]
}"#;

#[test]
fn out_of_order_events_multiple_ranges_and_affected_entries() {
    let (db, problems) = db(&[("PYSEC-2023-1.json", OUT_OF_ORDER)]);
    assert!(problems.is_empty(), "{problems:?}");
    for (version, hit) in [
        ("1.0", true),
        ("1.26.16", true),
        ("1.26.17", false),
        ("1.99", false),
        ("2.0.0", true),
        ("2.0.5", true),
        ("2.0.6", false),
        ("2.1", false),
    ] {
        let found = db.vulnerabilities_for("url-lib-three", &v(version));
        assert_eq!(found.len(), usize::from(hit), "url-lib-three {version}");
    }
    // Any spelling of the name; the npm entry is ignored.
    assert_eq!(db.vulnerabilities_for("URL.LIB_three", &v("1.0")).len(), 1);
    assert_eq!(db.package_count(), 2);
    for (version, hit) in [("1.1", true), ("1.2", false), ("3.0", true), ("3.1", false)] {
        let found = db.vulnerabilities_for("other_pkg", &v(version));
        assert_eq!(found.len(), usize::from(hit), "other-pkg {version}");
    }
    assert_eq!(
        db.smallest_fix("url-lib-three", &v("2.0.1")),
        Some(v("2.0.6"))
    );
    assert_eq!(
        db.smallest_fix("url-lib-three", &v("1.0")),
        Some(v("1.26.17"))
    );
    assert_eq!(db.smallest_fix("url-lib-three", &v("2.0.6")), None);
}

#[test]
fn last_affected_and_explicit_versions() {
    let record = r#"{"id": "PYSEC-2022-9", "aliases": ["GHSA-aaaa-bbbb-cccc"],
      "affected": [{"package": {"ecosystem": "PyPI", "name": "py"},
                    "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"last_affected": "1.11.0"}]}]},
                   {"package": {"ecosystem": "PyPI", "name": "listed"},
                    "versions": ["1.0", "2.0.0-alpha2", "0.3m1"]}]}"#;
    let (db, problems) = db(&[("a.json", record)]);
    assert!(db.vulnerabilities_for("py", &v("1.11")).len() == 1);
    assert!(db.vulnerabilities_for("py", &v("1.11.1")).is_empty());
    assert_eq!(db.smallest_fix("py", &v("1.0")), None, "no fixed version");

    // Listed versions compare by PEP 440: 1.0 == 1.0.0, 2.0.0-alpha2 == 2.0.0a2.
    assert_eq!(
        ids(&db.vulnerabilities_for("listed", &v("1.0.0"))),
        ["GHSA-aaaa-bbbb-cccc"]
    );
    assert_eq!(db.vulnerabilities_for("listed", &v("2.0a2")).len(), 1);
    assert!(db.vulnerabilities_for("listed", &v("1.1")).is_empty());
    // A listed version that is not PEP 440 matches by its exact text, and is reported.
    assert_eq!(db.vulnerabilities_for_text("listed", "0.3m1").len(), 1);
    assert!(db.vulnerabilities_for_text("listed", "0.3M1").is_empty());
    assert_eq!(db.vulnerabilities_for_text("listed", "1.0").len(), 1);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].kind, ProblemKind::InvalidVersion);
    assert_eq!(problems[0].file, "a.json");
    assert_eq!(problems[0].advisory.as_deref(), Some("PYSEC-2022-9"));
    assert!(
        problems[0].message.contains("`0.3m1`"),
        "{}",
        problems[0].message
    );
}

#[test]
fn invalid_event_versions_are_reported_and_skipped() {
    let record = r#"{"id": "PYSEC-2019-125", "affected": [{"package": {"ecosystem": "PyPI", "name": "steam"},
      "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2019-09-12"},
                                                  {"fixed": "1.0", "introduced": "0.5"}, {}]}]}]}"#;
    let (db, problems) = db(&[("PYSEC-2019-125.json", record)]);
    let kinds: Vec<ProblemKind> = problems.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [
            ProblemKind::InvalidEvent,
            ProblemKind::InvalidEvent,
            ProblemKind::InvalidVersion
        ]
    );
    assert!(problems[2].message.contains("`fixed: 2019-09-12`"));
    // Without a readable fix, every version is reported as affected.
    assert_eq!(db.vulnerabilities_for("steam", &v("1.1.0")).len(), 1);
}

#[test]
fn withdrawn_advisories_are_counted_but_never_matched() {
    let live = r#"{"id": "PYSEC-1", "affected": [{"package": {"ecosystem": "PyPI", "name": "a"}, "versions": ["1.0"]}]}"#;
    let gone = r#"{"id": "PYSEC-2", "withdrawn": "2024-01-01T00:00:00Z",
      "affected": [{"package": {"ecosystem": "PyPI", "name": "a"}, "versions": ["1.0", "2.0"]}]}"#;
    let (db, problems) = db(&[("1.json", live), ("2.json", gone)]);
    assert!(problems.is_empty());
    assert_eq!(db.advisory_count(), 2);
    assert_eq!(db.withdrawn_count(), 1);
    assert_eq!(db.vulnerabilities().len(), 1);
    assert_eq!(ids(&db.vulnerabilities_for("a", &v("1.0"))), ["PYSEC-1"]);
    assert!(db.vulnerabilities_for("a", &v("2.0")).is_empty());
    assert!(db.vulnerability("PYSEC-2").is_none());
}

#[test]
fn alias_chains_merge_into_one_vulnerability() {
    let files = [
        (
            "PYSEC-2021-1.json",
            r#"{"id": "PYSEC-2021-1", "aliases": ["CVE-2021-1"], "details": "Pysec text.\nMore.",
               "affected": [{"package": {"ecosystem": "PyPI", "name": "lib"},
                 "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.5"}]}]}]}"#,
        ),
        (
            "GHSA-xxxx-yyyy-zzzz.json",
            r#"{"id": "GHSA-xxxx-yyyy-zzzz", "aliases": ["CVE-2021-1", "CVE-2021-2"], "summary": "Ghsa summary",
               "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
               "affected": [{"package": {"ecosystem": "PyPI", "name": "lib"},
                 "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.4.2"}]}]}]}"#,
        ),
        (
            "PYSEC-2021-2.json",
            r#"{"id": "PYSEC-2021-2", "aliases": ["CVE-2021-2"],
               "affected": [{"package": {"ecosystem": "PyPI", "name": "Lib"},
                 "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "2.0"}, {"fixed": "2.1"}]}]}]}"#,
        ),
        (
            "PYSEC-2021-3.json",
            r#"{"id": "PYSEC-2021-3", "aliases": ["CVE-2021-3"],
               "affected": [{"package": {"ecosystem": "PyPI", "name": "lib"},
                 "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.3"}]}]}]}"#,
        ),
    ];
    let (db, problems) = db(&files);
    assert!(problems.is_empty());
    assert_eq!(db.vulnerabilities().len(), 2);

    let found = db.vulnerabilities_for("lib", &v("1.0"));
    assert_eq!(ids(&found), ["GHSA-xxxx-yyyy-zzzz", "PYSEC-2021-3"]);
    let merged = found[0];
    let aliases: Vec<&str> = merged.aliases.iter().map(|a| a.as_str()).collect();
    assert_eq!(
        aliases,
        ["PYSEC-2021-1", "PYSEC-2021-2", "CVE-2021-1", "CVE-2021-2"]
    );
    let records: Vec<&str> = merged.records.iter().map(|a| a.as_str()).collect();
    assert_eq!(
        records,
        ["GHSA-xxxx-yyyy-zzzz", "PYSEC-2021-1", "PYSEC-2021-2"]
    );
    assert_eq!(merged.severity.len(), 1);
    assert_eq!(merged.summary.as_deref(), Some("Ghsa summary"));
    assert_eq!(merged.details.as_deref(), Some("Pysec text.\nMore."));
    let fixed: Vec<String> = merged.packages[0]
        .fixed
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(fixed, ["1.4.2", "1.5", "2.1"]);
    // The union of the records' ranges: 1.4.5 is fixed per GHSA but not per PYSEC-2021-1.
    assert_eq!(
        ids(&db.vulnerabilities_for("lib", &v("1.4.5"))),
        ["GHSA-xxxx-yyyy-zzzz"]
    );
    assert_eq!(
        ids(&db.vulnerabilities_for("lib", &v("2.0"))),
        ["GHSA-xxxx-yyyy-zzzz"]
    );
    for id in ["CVE-2021-2", "PYSEC-2021-1", "GHSA-xxxx-yyyy-zzzz"] {
        assert_eq!(
            db.vulnerability(id).map(|v| v.id.as_str()),
            Some("GHSA-xxxx-yyyy-zzzz")
        );
    }
    // 1.3 clears PYSEC-2021-3 but not the merged one; 1.5 clears both.
    assert_eq!(db.smallest_fix("lib", &v("1.0")), Some(v("1.5")));
    assert_eq!(db.smallest_fix("lib", &v("2.0.1")), Some(v("2.1")));
    // A headline falls back to the first line of the details.
    let pysec_only = r#"{"id": "PYSEC-9", "details": "First line.\nSecond.", "affected": []}"#;
    let (other, _) = Database::from_json_files([("p.json", pysec_only.as_bytes())]);
    assert_eq!(
        other.vulnerabilities()[0].headline().as_deref(),
        Some("First line.")
    );
}

#[test]
fn specifier_ranges_report_the_admitted_vulnerable_versions() {
    let record = r#"{"id": "PYSEC-5", "affected": [{"package": {"ecosystem": "PyPI", "name": "a"},
      "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "2.0"}, {"fixed": "2.3"}]}],
      "versions": ["2.0", "2.1", "2.2"]}]}"#;
    let other = r#"{"id": "PYSEC-6", "affected": [{"package": {"ecosystem": "PyPI", "name": "a"},
      "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.0"}]}]}]}"#;
    let (db, _) = db(&[("5.json", record), ("6.json", other)]);
    let specifiers = VersionSpecifiers::from_str(">=2.1,<3").expect("valid");
    let admitted = db.vulnerable_versions_in("a", &specifiers);
    assert_eq!(admitted.len(), 1);
    assert_eq!(admitted[0].vulnerability.id.as_str(), "PYSEC-5");
    assert_eq!(admitted[0].versions, [v("2.1"), v("2.2")]);
    let safe = VersionSpecifiers::from_str(">=2.3").expect("valid");
    assert!(db.vulnerable_versions_in("a", &safe).is_empty());
    assert!(db.vulnerable_versions_in("unknown", &safe).is_empty());
}

#[test]
fn malformed_files_are_problems_and_the_rest_still_load() {
    let good = r#"{"id": "PYSEC-1", "affected": [{"package": {"ecosystem": "PyPI", "name": "a"}, "versions": ["1.0"]}]}"#;
    let (db, problems) = db(&[
        ("good.json", good),
        ("bad-json.json", "{\"id\": "),
        ("no-id.json", r#"{"affected": []}"#),
        (
            "wrong-type.json",
            r#"{"id": "X", "affected": {"package": 1}}"#,
        ),
        ("dup.json", good),
    ]);
    assert_eq!(db.advisory_count(), 1);
    let summary: Vec<(&str, ProblemKind)> =
        problems.iter().map(|p| (p.file.as_str(), p.kind)).collect();
    assert_eq!(
        summary,
        [
            ("bad-json.json", ProblemKind::InvalidRecord),
            ("good.json", ProblemKind::DuplicateId),
            ("no-id.json", ProblemKind::InvalidRecord),
            ("wrong-type.json", ProblemKind::InvalidRecord),
        ]
    );
    assert!(
        problems[2].message.contains("missing field `id`"),
        "{}",
        problems[2].message
    );
    assert!(
        problems[1]
            .to_string()
            .contains("`dup.json` already defines `PYSEC-1`")
    );
}
