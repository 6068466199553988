//! The real OSV PyPI snapshot (2024-10-10), referenced in place, never copied.
//!
//! `tests/data/snapshot_expected.tsv` was written by `tests/reference/osv_reference.py`
//! (and one test runs that script again to check it still says the same),
//! an independent implementation on Python's `packaging`: 1,000 package versions and the
//! preferred ids of the vulnerabilities affecting each.

use moat_advisory::{Database, IndexMeta, ProblemKind, Version, VersionSpecifiers};
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Instant;

fn snapshot() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/advisory-db/osv-PyPI-2024-10-10.zip"
    ))
}

fn v(text: &str) -> Version {
    Version::from_str(text).expect("valid")
}

fn expected() -> Vec<(String, String, Vec<String>)> {
    parse_reference(include_str!("data/snapshot_expected.tsv"))
}

/// The reference script's output: `name<TAB>version<TAB>id,id,…` per line.
fn parse_reference(text: &str) -> Vec<(String, String, Vec<String>)> {
    text.lines()
        .map(|line| {
            let mut fields = line.split('\t');
            let name = fields.next().unwrap_or_default().to_owned();
            let version = fields.next().unwrap_or_default().to_owned();
            let ids = fields
                .next()
                .unwrap_or_default()
                .split(',')
                .filter(|id| !id.is_empty())
                .map(str::to_owned)
                .collect();
            (name, version, ids)
        })
        .collect()
}

fn ids_for(db: &Database, name: &str, version: &str) -> Vec<String> {
    let mut ids: Vec<String> = db
        .vulnerabilities_for_text(name, version)
        .iter()
        .map(|v| v.id.to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn loads_the_snapshot() {
    let (db, problems) = Database::from_zip(snapshot()).expect("loads");
    assert_eq!(db.advisory_count(), 2661);
    assert_eq!(db.withdrawn_count(), 10);
    assert_eq!(db.newest_modified().map(|m| &m[..10]), Some("2024-10-10"));
    // Every problem is about versions that are not PEP 440; none loses an advisory.
    assert!(
        problems
            .iter()
            .all(|p| p.kind == ProblemKind::InvalidVersion),
        "{problems:#?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.advisory.as_deref() == Some("PYSEC-2019-125"))
    );
    // Duplicate PYSEC records of one CVE are merged.
    assert!(db.vulnerabilities().len() < 2651);
    let merged = db.vulnerability("CVE-2013-2217").expect("known");
    assert!(merged.records.len() >= 2, "{:?}", merged.records);
}

#[test]
fn well_known_facts() {
    let (db, _) = Database::from_zip(snapshot()).expect("loads");
    let ids = |name, version| ids_for(&db, name, version);
    // jinja2 2.10: PYSEC-2019-217 (fixed 2.10.1) and PYSEC-2021-66 (fixed 2.11.3).
    assert_eq!(
        ids("Jinja2", "2.10"),
        ["GHSA-462w-v97r-4m45", "GHSA-g3rq-g295-4j3m"]
    );
    assert_eq!(db.smallest_fix("jinja2", &v("2.10")), Some(v("2.11.3")));
    assert!(ids("jinja2", "2.11.3").is_empty());
    // py: last_affected 1.11.0, no fix.
    assert_eq!(ids("py", "1.11.0"), ["GHSA-w596-4wvx-j9j6"]);
    assert_eq!(db.smallest_fix("py", &v("1.11.0")), None);
    // urllib3: ranges listed out of order (2.0.0–2.0.6 before 0–1.26.17).
    assert_eq!(
        ids("urllib3", "2.0.3"),
        ["GHSA-g4mx-q9vg-27p4", "GHSA-v845-jxx5-vc9f"]
    );
    assert_eq!(db.smallest_fix("urllib3", &v("2.0.3")), Some(v("2.0.7")));
    assert_eq!(
        db.smallest_fix("urllib3", &v("1.26.16")),
        Some(v("1.26.18"))
    );
    let pysec = db.vulnerability("PYSEC-2023-192").expect("known");
    assert_eq!(pysec.id.as_str(), "GHSA-v845-jxx5-vc9f");
    assert!(pysec.aliases.iter().any(|a| a.as_str() == "CVE-2023-43804"));

    let range = VersionSpecifiers::from_str(">=2.0,<3").expect("valid");
    let admitted = db.vulnerable_versions_in("urllib3", &range);
    let found: Vec<(&str, Option<&Version>, Option<&Version>)> = admitted
        .iter()
        .map(|a| {
            (
                a.vulnerability.id.as_str(),
                a.versions.first(),
                a.versions.last(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("GHSA-g4mx-q9vg-27p4", Some(&v("2.0.0")), Some(&v("2.0.6"))),
            ("GHSA-v845-jxx5-vc9f", Some(&v("2.0.0")), Some(&v("2.0.5"))),
        ]
    );
}

/// Every query on which moat and the reference disagree, one line each.
fn disagreements(db: &Database, reference: Vec<(String, String, Vec<String>)>) -> Vec<String> {
    let mut disagreements = Vec::new();
    for (name, version, expected) in reference {
        let found = ids_for(db, &name, &version);
        if found != expected {
            disagreements.push(format!(
                "{name} {version}: moat {found:?}, reference {expected:?}"
            ));
        }
    }
    disagreements
}

#[test]
fn agrees_with_the_packaging_reference() {
    let (db, _) = Database::from_zip(snapshot()).expect("loads");
    let disagreements = disagreements(&db, expected());
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

/// Runs the reference script itself (`python3` with `packaging`, or pip's bundled copy of
/// it) on the snapshot, so the committed expectations cannot drift from what it computes.
#[test]
fn agrees_with_the_packaging_reference_run_now() {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/reference/osv_reference.py"
    );
    let out = tempfile::tempdir().unwrap();
    let tsv = out.path().join("reference.tsv");
    let python = std::env::var("MOAT_TEST_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let status = std::process::Command::new(&python)
        .arg(script)
        .arg(snapshot())
        .arg(&tsv)
        .arg("1000")
        .status()
        .unwrap_or_else(|e| panic!("cannot run `{python}` (set MOAT_TEST_PYTHON): {e}"));
    assert!(
        status.success(),
        "the reference script failed ({status}); it needs Python 3 with `packaging` or pip"
    );
    let live = parse_reference(&std::fs::read_to_string(&tsv).unwrap());
    assert_eq!(live.len(), 1000);
    let mut committed = expected();
    let mut sorted_live = live.clone();
    committed.sort();
    sorted_live.sort();
    assert!(
        committed == sorted_live,
        "tests/data/snapshot_expected.tsv is stale: regenerate it with the reference script"
    );
    let (db, _) = Database::from_zip(snapshot()).expect("loads");
    let disagreements = disagreements(&db, live);
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[test]
fn index_round_trip_gives_identical_answers() {
    let (db, problems) = Database::from_zip(snapshot()).expect("loads");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("pypi.index");
    let meta = IndexMeta {
        source: "osv-PyPI-2024-10-10.zip".into(),
        built_at: 1_728_518_400,
    };
    let header = db.write_index(&path, &meta).expect("writes");
    assert_eq!(header.advisory_count, 2661);
    assert_eq!(header.fingerprint.size, 2_597_802);
    let loaded = Database::read_index(&path).expect("reads");
    assert_eq!(loaded.problems, problems);
    assert_eq!(loaded.database.vulnerabilities(), db.vulnerabilities());
    for (name, version, _) in expected() {
        assert_eq!(
            ids_for(&loaded.database, &name, &version),
            ids_for(&db, &name, &version)
        );
        if let Ok(parsed) = Version::from_str(&version) {
            assert_eq!(
                loaded.database.smallest_fix(&name, &parsed),
                db.smallest_fix(&name, &parsed)
            );
        }
    }

    let mut bytes = std::fs::read(&path).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(&path, &bytes).expect("write");
    let error = Database::read_index(&path).expect_err("corrupt");
    assert!(error.needs_rebuild(), "{error}");
}

#[test]
fn truncated_snapshot_is_an_error() {
    let bytes = std::fs::read(snapshot()).expect("read");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("truncated.zip");
    std::fs::write(&path, &bytes[..bytes.len() * 2 / 3]).expect("write");
    let error = Database::from_zip(&path).expect_err("truncated");
    assert!(error.to_string().contains("truncated.zip"), "{error}");
}

/// Timings; run with `cargo test -p moat_advisory --release --test snapshot -- --ignored
/// --nocapture`.
#[test]
#[ignore = "benchmark"]
fn bench() {
    let start = Instant::now();
    let (db, _) = Database::from_zip(snapshot()).expect("loads");
    let import = start.elapsed();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("pypi.index");
    let meta = IndexMeta {
        source: "snapshot".into(),
        built_at: 0,
    };
    let start = Instant::now();
    db.write_index(&path, &meta).expect("writes");
    let write = start.elapsed();
    let size = std::fs::metadata(&path).expect("meta").len();

    let start = Instant::now();
    let loaded = Database::read_index(&path).expect("reads");
    let read = start.elapsed();

    let queries: Vec<(String, Version)> = expected()
        .into_iter()
        .filter_map(|(name, version, _)| Some((name, Version::from_str(&version).ok()?)))
        .collect();
    let start = Instant::now();
    let mut hits = 0;
    for (name, version) in &queries {
        hits += loaded.database.vulnerabilities_for(name, version).len();
    }
    let query = start.elapsed();
    println!("import from zip: {import:?}");
    println!("write index ({size} bytes): {write:?}");
    println!("read index: {read:?}");
    println!("{} queries ({hits} hits): {query:?}", queries.len());
}
